namespace Calc.Sdk;

/// <summary>
/// Counters an operator reports (skips, filters, late records), shown in job summaries and metrics,
/// and what it did with the input record it is judging.
/// </summary>
/// <remarks>
/// A job's summary counts <b>records</b>: every input record once, as processed or as filtered under
/// one reason, so that records read = processed + filtered + rejected. It learns this from the reports
/// of the policies (or steps) that judged the record: a counter named <c>tooLate</c> or starting with
/// <c>filtered.</c> says that one policy left it out; <see cref="Used"/> says that one policy used it.
/// The record is <b>processed</b> when any policy used it, or when none left it out; otherwise it is
/// <b>filtered</b> under the first reason reported. The counters themselves stay per policy: a record
/// two policies leave out counts twice in <c>tooLate</c> but once in the summary's filtered records.
/// Reports are about the input record being processed, or about the held record a preprocessor of
/// <see cref="IOperatorContext.Preprocessing"/> releases; reports made while an operator processes a
/// record another step emitted (not an input record), or in timer and flush callbacks, count per policy only.
/// </remarks>
public interface IOperatorMetrics
{
    /// <summary>
    /// Adds <paramref name="amount"/> to the per-policy counter named <paramref name="name"/> (e.g. <c>tooLate</c>,
    /// <c>skipped.missingReference</c>). <c>tooLate</c> and <c>filtered.*</c> also report that this policy left the
    /// record it judges out (see the remarks).
    /// </summary>
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

    /// <summary>
    /// Reports that one policy used the record it judges, so that the record counts as processed even
    /// if another policy left it out. An operator with one policy per input point need not call it: a
    /// record nothing left out counts as processed.
    /// </summary>
    void Used()
    {
    }
}
