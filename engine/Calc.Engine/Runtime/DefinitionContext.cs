using Calc.Sdk;

namespace Calc.Engine.Runtime;

/// <summary>What operators get while a job is defined: the rule compilers.</summary>
public sealed class DefinitionContext(IExpressionCompiler expressions) : IDefinitionContext
{
    public IExpressionCompiler Expressions => expressions;
}
