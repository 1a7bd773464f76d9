using Calc.Sdk;

namespace Calc.Engine.Tsdb;

/// <summary>
/// Which output points go to the time-series database, as the reference product's storage policies:
/// a list of <c>model::point</c> patterns where <c>*</c> matches any run of characters within the
/// model or the point (<c>inverter::*</c>, <c>*::ENERGY_*</c>). A pattern starting with <c>!</c>
/// excludes. A record is kept when it matches an including pattern (or there is none) and no
/// excluding one. The default, an empty list, keeps every point.
/// </summary>
public sealed class TsdbStorageOptions
{
    /// <summary>The patterns; empty keeps every point.</summary>
    public List<string> Points { get; } = [];

    /// <summary>Options keeping exactly the given patterns.</summary>
    public static TsdbStorageOptions Of(params string[] patterns)
    {
        var options = new TsdbStorageOptions();
        options.Points.AddRange(patterns);
        return options;
    }

    /// <summary>Reports every malformed pattern (one without <c>::</c> or with an empty side).</summary>
    public void Validate(ProblemList problems, string path = "tsdb.storage.points")
    {
        for (var i = 0; i < Points.Count; i++)
        {
            var text = Points[i];
            var pattern = text is not null && text.StartsWith('!') ? text[1..] : text;
            if (!PointRef.TryParse(pattern, out _))
            {
                problems.Add(ProblemList.Index(path, i), $"'{text}' is not a storage pattern: expected model::point, with * as a wildcard and ! to exclude (inverter::*, !*::DEBUG_*)");
            }
        }
    }
}
