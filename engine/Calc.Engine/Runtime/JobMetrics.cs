using System.Collections.Concurrent;

namespace Calc.Engine.Runtime;

/// <summary>
/// Counters of one job: how many records were read, processed, rejected, filtered per reason, and
/// how many outputs were written. Lanes count into their own instance; <see cref="Add"/> merges.
/// </summary>
public sealed class JobMetrics
{
    private readonly Dictionary<string, long> _counters = new(StringComparer.Ordinal);

    public long Read { get; set; }

    public long Processed { get; set; }

    public long Rejected { get; set; }

    public long Outputs { get; set; }

    /// <summary>Named counters (filters, repairs, skips, late records), in a stable order.</summary>
    public IReadOnlyDictionary<string, long> Counters => _counters;

    /// <summary>The last few distinct messages of failing rules (<see cref="RuleProblems"/>).</summary>
    public RuleProblems Problems { get; } = new();

    public void Count(string name, long amount = 1)
    {
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counters, name, out _);
        slot += amount;
    }

    public long Get(string name) => _counters.TryGetValue(name, out var value) ? value : 0;

    /// <summary>Sum of the counters whose name starts with <c>filtered.</c>.</summary>
    public long Filtered
    {
        get
        {
            long sum = 0;
            foreach (var (name, value) in _counters)
            {
                if (name.StartsWith("filtered.", StringComparison.Ordinal))
                {
                    sum += value;
                }
            }

            return sum;
        }
    }

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
    }

    public JobMetrics Snapshot()
    {
        var copy = new JobMetrics();
        copy.Add(this);
        return copy;
    }

    internal static readonly ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);
}
