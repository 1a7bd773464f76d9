using System.Globalization;
using Calc.Engine.Runtime;

namespace Calc.Host.Commands;

/// <summary>
/// The summary <c>calc run</c> prints to stderr: every record accounted for once (read = processed +
/// rejected + filtered, by reason), then the per-policy counters, labelled as such.
/// </summary>
internal static class RunSummary
{
    /// <param name="flowed">On Kafka: the time records flowed (first record read to the last); the rate is over it, not over the wait before and after.</param>
    /// <param name="command">The command the summary's first line names (<c>run</c>, <c>replay</c>).</param>
    public static void Write(TextWriter error, string jobId, JobMetrics metrics, TimeSpan elapsed, string output, string rejectedPath, TimeSpan? flowed = null, string command = "run")
    {
        var over = flowed is { TotalMilliseconds: >= 1 } f ? f : elapsed;
        var rate = over.TotalSeconds > 0 ? metrics.Read / over.TotalSeconds : 0;
        var seconds = elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        error.WriteLine(flowed is { TotalMilliseconds: >= 1 }
            ? $"calc {command}: job '{jobId}' finished in {seconds} s; records flowed for {over.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s ({rate.ToString("N0", CultureInfo.InvariantCulture)} records/s)"
            : $"calc {command}: job '{jobId}' finished in {seconds} s ({rate.ToString("N0", CultureInfo.InvariantCulture)} records/s)");
        error.WriteLine($"  records read   {metrics.Read,12:N0}");
        error.WriteLine($"  processed      {metrics.Processed,12:N0}");
        error.WriteLine($"  rejected       {metrics.Rejected,12:N0}{(metrics.Rejected > 0 ? "  → " + rejectedPath : "")}");
        error.WriteLine($"  filtered       {metrics.Filtered,12:N0}");
        foreach (var (reason, value) in metrics.FilteredBy.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            error.WriteLine($"    {reason,-24}{value,10:N0}");
        }

        if (metrics.Counters.Count > 0)
        {
            // Counted once for every policy (or step) that judged a record: a record two policies leave out counts twice here.
            error.WriteLine("  per policy (each policy or step that judged a record counts it)");
            foreach (var (name, value) in metrics.Counters.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                error.WriteLine($"    {name,-24}{value,10:N0}");
            }
        }

        error.WriteLine($"  outputs        {metrics.Outputs,12:N0}{(output == "-" ? "" : "  → " + output)}");
        if (metrics.Problems.Messages is { Count: > 0 } problems)
        {
            error.WriteLine($"  rule problems (the last {problems.Count} distinct):");
            foreach (var problem in problems)
            {
                error.WriteLine($"    {problem}");
            }
        }
    }
}
