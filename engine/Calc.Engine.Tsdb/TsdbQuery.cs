using Calc.Sdk;

namespace Calc.Engine.Tsdb;

/// <summary>
/// What to read from the embedded store: one point of one asset (of every org and model holding it,
/// unless <see cref="OrgId"/> narrows it), over [<see cref="From"/>, <see cref="To"/>), raw or
/// aggregated into epoch-aligned buckets of <see cref="Every"/> milliseconds.
/// </summary>
public sealed record TsdbQuery(string AssetId, string PointId)
{
    /// <summary>Only this model (the point was named <c>model::point</c>); null for every model.</summary>
    public string? ModelId { get; init; }

    /// <summary>Only this org; null for every org.</summary>
    public string? OrgId { get; init; }

    /// <summary>Inclusive start, epoch ms; null for the beginning.</summary>
    public long? From { get; init; }

    /// <summary>Exclusive end, epoch ms; null for no end.</summary>
    public long? To { get; init; }

    /// <summary>Bucket size in ms (buckets start at multiples of it from the epoch); null for raw points.</summary>
    public long? Every { get; init; }

    /// <summary>The aggregation of each bucket; required with <see cref="Every"/>.</summary>
    public TsdbAggregation? Aggregation { get; init; }

    /// <summary>Reports every inconsistent setting.</summary>
    public void Validate(ProblemList problems)
    {
        if (string.IsNullOrEmpty(AssetId))
        {
            problems.Add("asset", "an asset id is required");
        }

        if (string.IsNullOrEmpty(PointId))
        {
            problems.Add("point", "a point id is required");
        }

        if (From is { } from && To is { } to && to <= from)
        {
            problems.Add("to", "must be after from");
        }

        if (Every is <= 0)
        {
            problems.Add("every", "must be a positive duration");
        }

        if (Every is null != Aggregation is null)
        {
            problems.Add(Every is null ? "every" : "agg", "every and agg go together: give both (--every 1h --agg avg) or neither");
        }
    }
}
