using Calc.Sdk;

namespace Calc.Engine.Scripting.Internal;

/// <summary>What compiling one script gave: the compiled script, or the problems (already formatted with line and column).</summary>
internal sealed record CompileOutcome(ICompiledExpression? Compiled, IReadOnlyList<string> Problems);
