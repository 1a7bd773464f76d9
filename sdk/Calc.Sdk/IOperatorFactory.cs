namespace Calc.Sdk;

/// <summary>Validates an operator's configuration and defines it. Registered by a plugin's entry point.</summary>
public interface IOperatorFactory
{
    /// <summary>The id jobs use: a template id (<c>time-window-aggregation</c>) or an operator id (<c>acme.power-curve</c>).</summary>
    string Id { get; }

    /// <summary>Template or pipeline operator.</summary>
    OperatorKind Kind { get; }

    /// <summary>
    /// Parses and validates <paramref name="spec"/>, reporting every problem (with JSON paths under
    /// <see cref="OperatorSpec.Path"/>) to <paramref name="problems"/>. Returns null when there were problems.
    /// Compile expressions here, once.
    /// </summary>
    IOperatorDefinition? Define(OperatorSpec spec, IDefinitionContext context, ProblemList problems);
}
