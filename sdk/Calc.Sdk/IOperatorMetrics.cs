namespace Calc.Sdk;

/// <summary>Counters an operator reports (skips, filters, late records), shown in job summaries and metrics.</summary>
public interface IOperatorMetrics
{
    /// <summary>Adds <paramref name="amount"/> to the counter named <paramref name="name"/> (e.g. <c>tooLate</c>, <c>skipped.missingReference</c>).</summary>
    void Count(string name, long amount = 1);

    /// <summary>
    /// Counts one under <paramref name="name"/> (e.g. <c>skipped.ruleError</c>) and keeps
    /// <paramref name="message"/> among the job's last few distinct problem messages, which the run summary,
    /// test responses and the served job's status show. Returns true the first time this message is seen
    /// (log it then). For failures only: it is not meant for the per-record path.
    /// </summary>
    bool Report(string name, string message)
    {
        Count(name);
        return true;
    }
}
