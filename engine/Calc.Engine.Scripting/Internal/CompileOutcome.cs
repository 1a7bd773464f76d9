using Calc.Sdk;

namespace Calc.Engine.Scripting.Internal;

/// <summary>What compiling one script gave: the compiled script, or the problems (already formatted with line and column).</summary>
internal sealed record CompileOutcome(ICompiledExpression? Compiled, IReadOnlyList<string> Problems)
{
    /// <summary>The compile was stopped at its time limit (not cached: on a less busy machine it may compile).</summary>
    public bool TimedOut { get; init; }
}
