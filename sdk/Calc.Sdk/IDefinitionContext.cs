namespace Calc.Sdk;

/// <summary>Services available while a job is validated and its operators defined.</summary>
public interface IDefinitionContext
{
    /// <summary>Compiles expressions and scripts once per job.</summary>
    IExpressionCompiler Expressions { get; }
}
