using Calc.Engine.Runtime;

namespace Calc.Engine.Hosting;

/// <summary>The operators a stored job version uses (what <c>calc pack remove</c> checks before it removes a pack).</summary>
internal static class JobOperators
{
    public static IEnumerable<string> Of(CompiledJob job) => job.Steps
        .Select(s => s.OperatorId is "expression" or "script" ? "multi-point-merging" : s.OperatorId)
        .Where(id => id is not ("select" or "threshold"))
        .Distinct(StringComparer.Ordinal);
}
