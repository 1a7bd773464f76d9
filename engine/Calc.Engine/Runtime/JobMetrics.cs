using System.Collections.Concurrent;

namespace Calc.Engine.Runtime;

/// <summary>
/// Counters of one job. Per record: how many were read, processed, rejected and filtered per reason
/// (<see cref="FilteredBy"/>); each input record counts once, so read = processed + filtered + rejected
/// once nothing is held. Per policy: the named counters operators report (<see cref="Counters"/>:
/// filters, repairs, skips, late records), one count for every policy or step that judged a record.
/// And how many outputs were written. Lanes count into their own instance; <see cref="Add"/> merges.
/// </summary>
public sealed class JobMetrics
{
    private readonly Dictionary<string, long> _counters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _filteredBy = new(StringComparer.Ordinal);

    public long Read { get; set; }

    public long Processed { get; set; }

    public long Rejected { get; set; }

    public long Outputs { get; set; }

    /// <summary>Per policy: named counters (filters, repairs, skips, late records) as operators report them.</summary>
    public IReadOnlyDictionary<string, long> Counters => _counters;

    /// <summary>The last few distinct messages of failing rules (<see cref="RuleProblems"/>).</summary>
    public RuleProblems Problems { get; } = new();

    /// <summary>Per record: input records left out, by the first reason a step or policy gave (<c>filtered.threshold</c>, <c>tooLate</c>, …).</summary>
    public IReadOnlyDictionary<string, long> FilteredBy => _filteredBy;

    /// <summary>Input records left out (the sum of <see cref="FilteredBy"/>).</summary>
    public long Filtered
    {
        get
        {
            long sum = 0;
            foreach (var value in _filteredBy.Values)
            {
                sum += value;
            }

            return sum;
        }
    }

    /// <summary>Adds to a per-policy counter.</summary>
    public void Count(string name, long amount = 1)
    {
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counters, name, out _);
        slot += amount;
    }

    /// <summary>Counts input records left out for <paramref name="reason"/>.</summary>
    public void CountFiltered(string reason, long amount = 1)
    {
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_filteredBy, reason, out _);
        slot += amount;
    }

    /// <summary>A per-policy counter, 0 when never counted.</summary>
    public long Get(string name) => _counters.TryGetValue(name, out var value) ? value : 0;

    public void Add(JobMetrics other)
    {
        Read += other.Read;
        Processed += other.Processed;
        Rejected += other.Rejected;
        Outputs += other.Outputs;
        foreach (var (name, value) in other._counters)
        {
            Count(name, value);
        }

        Problems.AddFrom(other.Problems);
        foreach (var (reason, value) in other._filteredBy)
        {
            CountFiltered(reason, value);
        }
    }

    public JobMetrics Snapshot()
    {
        var copy = new JobMetrics();
        copy.Add(this);
        return copy;
    }

    internal static readonly ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);
}
