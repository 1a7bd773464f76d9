using Calc.Sdk;

namespace Calc.Engine.Expressions.Internal;

/// <summary>What compiling one text gave: the compiled expression, or the problems (already formatted with line and column).</summary>
internal sealed record CompileOutcome(ICompiledExpression? Compiled, IReadOnlyList<string> Problems);
