using Calc.Sdk;

namespace Calc.Engine.Tsdb.Internal;

/// <summary>
/// <see cref="TsdbStorageOptions"/> compiled for the write path: each (model, point) is matched once
/// and the answer cached. Used from one writer at a time.
/// </summary>
internal sealed class StoragePolicy
{
    private const int MaxCached = 100_000;
    private readonly PointRef[] _include;
    private readonly PointRef[] _exclude;
    private readonly Dictionary<(string Model, string Point), bool> _cache = [];

    public StoragePolicy(TsdbStorageOptions? options)
    {
        var include = new List<PointRef>();
        var exclude = new List<PointRef>();
        var problems = new ProblemList();
        options?.Validate(problems);
        if (!problems.IsEmpty)
        {
            throw new ArgumentException(string.Join("; ", problems.Items), nameof(options));
        }

        foreach (var text in options?.Points ?? [])
        {
            var negated = text.StartsWith('!');
            if (PointRef.TryParse(negated ? text[1..] : text, out var pattern))
            {
                (negated ? exclude : include).Add(pattern);
            }
        }

        _include = [.. include];
        _exclude = [.. exclude];
        KeepsAll = _include.Length == 0 && _exclude.Length == 0;
    }

    /// <summary>True when the policy keeps every point (no lookup needed).</summary>
    public bool KeepsAll { get; }

    public bool Keeps(string modelId, string pointId)
    {
        if (KeepsAll)
        {
            return true;
        }

        if (_cache.TryGetValue((modelId, pointId), out var keep))
        {
            return keep;
        }

        keep = (_include.Length == 0 || AnyMatch(_include, modelId, pointId)) && !AnyMatch(_exclude, modelId, pointId);
        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }

        _cache[(modelId, pointId)] = keep;
        return keep;
    }

    private static bool AnyMatch(PointRef[] patterns, string modelId, string pointId)
    {
        foreach (var pattern in patterns)
        {
            if (Glob.Matches(pattern.ModelId, modelId) && Glob.Matches(pattern.PointId, pointId))
            {
                return true;
            }
        }

        return false;
    }
}
