using Calc.Sdk;

namespace Calc.Templates.Energy;

/// <summary>
/// What the three energy templates share: routing records to policies, per-(asset, policy) state,
/// daily and detail buckets, emission, flushing and checkpoints. Subclasses turn readings into spans.
/// </summary>
internal abstract partial class EnergyOperator : IOperator, IFlushable, ICheckpointable, IBucketEmitter
{
    private readonly Dictionary<(string Model, string Point), int[]> _byInput;
    private readonly BucketOutput?[] _daily;
    private readonly BucketOutput?[] _detail;
    private string? _lastModel;
    private string? _lastPoint;
    private int[]? _lastIndexes;

    protected EnergyOperator(EnergySettings settings, IReadOnlyList<EnergyPolicy> policies)
    {
        Settings = settings;
        Policies = policies;
        _byInput = Index(policies);
        States = [.. policies.Select(_ => new Dictionary<string, AssetEnergy>(StringComparer.Ordinal))];
        var days = new DayCalendar(settings.TimeZone);
        var detail = settings.DetailMs is { } ms ? new FixedIntervals(ms) : null;
        _daily = [.. policies.Select(p => p.DailyOutput is { } o ? new BucketOutput(days, settings.Attribution, o.PointId, this) : null)];
        _detail = [.. policies.Select(p => p.DetailOutput is { } o && detail is not null ? new BucketOutput(detail, settings.Attribution, o.PointId, this) : null)];
    }

    protected EnergySettings Settings { get; }

    protected IReadOnlyList<EnergyPolicy> Policies { get; }

    /// <summary>Per policy: the state of each asset.</summary>
    protected Dictionary<string, AssetEnergy>[] States { get; }

    protected IOperatorContext Context { get; private set; } = null!;

    public virtual void Open(IOperatorContext context) => Context = context;

    public void Process(in PointRecord record)
    {
        // Point ids come pooled from the codec: the same instances repeat, so a reference check skips the hashing.
        int[]? indexes;
        if (ReferenceEquals(record.PointId, _lastPoint) && ReferenceEquals(record.ModelId, _lastModel))
        {
            indexes = _lastIndexes;
        }
        else
        {
            indexes = _byInput.GetValueOrDefault((record.ModelId, record.PointId));
            (_lastModel, _lastPoint, _lastIndexes) = (record.ModelId, record.PointId, indexes);
        }

        if (indexes is null)
        {
            return;
        }

        foreach (var policy in indexes)
        {
            OnRecord(policy, in record);
        }
    }

    public virtual void FlushAsset(string assetId)
    {
        for (var p = 0; p < Policies.Count; p++)
        {
            if (States[p].TryGetValue(assetId, out var asset))
            {
                _daily[p]?.Flush(ref asset.Day, asset);
                _detail[p]?.Flush(ref asset.Detail, asset);
            }
        }
    }

    public virtual void FlushAll()
    {
        for (var p = 0; p < Policies.Count; p++)
        {
            foreach (var asset in States[p].Values)
            {
                _daily[p]?.Flush(ref asset.Day, asset);
                _detail[p]?.Flush(ref asset.Detail, asset);
            }
        }
    }

    public void Close()
    {
    }

    public void EmitBucket(AssetEnergy asset, string pointId, long start, double value, CalMode mode) =>
        Context.Emit(new PointRecord
        {
            OrgId = asset.OrgId,
            ModelId = asset.ModelId,
            AssetId = asset.AssetId,
            PointId = pointId,
            Time = start,
            Value = PointValue.FromNumber(value),
            CalMode = mode,
        });

    /// <summary>One record of the input point of policy <paramref name="policy"/>.</summary>
    protected abstract void OnRecord(int policy, in PointRecord record);

    protected AssetEnergy State(int policy, in PointRecord record)
    {
        var map = States[policy];
        if (!map.TryGetValue(record.AssetId, out var asset))
        {
            asset = new AssetEnergy(record.OrgId, record.ModelId, record.AssetId);
            map[record.AssetId] = asset;
        }

        return asset;
    }

    /// <summary>Counts and reports a reading at or before the previous one (duplicate or late).</summary>
    protected bool IsNotAfterPrevious(AssetEnergy asset, long time)
    {
        if (!asset.HasPrevious || time > asset.PreviousTime)
        {
            return false;
        }

        Context.Metrics.Count(time == asset.PreviousTime ? "filtered.duplicate" : "filtered.late");
        return true;
    }

    /// <summary>Adds an included span to the daily and detail buckets (and moves past its end).</summary>
    protected void Contribute(int policy, AssetEnergy asset, in EnergySpan span)
    {
        _daily[policy]?.Add(ref asset.Day, asset, in span);
        _detail[policy]?.Add(ref asset.Detail, asset, in span);
    }

    /// <summary>A reading at <paramref name="time"/> without an included span: buckets ending at or before it are final.</summary>
    protected void Advance(int policy, AssetEnergy asset, long time)
    {
        _daily[policy]?.Advance(ref asset.Day, asset, time);
        _detail[policy]?.Advance(ref asset.Detail, asset, time);
    }

    private static Dictionary<(string, string), int[]> Index(IReadOnlyList<EnergyPolicy> policies)
    {
        var map = new Dictionary<(string, string), int[]>();
        for (var i = 0; i < policies.Count; i++)
        {
            var key = (policies[i].Input.ModelId, policies[i].Input.PointId);
            map[key] = map.TryGetValue(key, out var existing) ? [.. existing, i] : [i];
        }

        return map;
    }
}
