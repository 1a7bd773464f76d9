namespace Calc.Sdk;

/// <summary>Counters an operator reports (skips, filters, late records), shown in job summaries and metrics.</summary>
public interface IOperatorMetrics
{
    /// <summary>Adds <paramref name="amount"/> to the counter named <paramref name="name"/> (e.g. <c>tooLate</c>, <c>skipped.missingReference</c>).</summary>
    void Count(string name, long amount = 1);
}
