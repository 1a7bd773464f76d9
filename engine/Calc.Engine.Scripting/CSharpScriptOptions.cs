namespace Calc.Engine.Scripting;

/// <summary>How <see cref="CSharpScriptCompiler"/> compiles and limits scripts.</summary>
public sealed record CSharpScriptOptions
{
    /// <summary>The default <see cref="StepBudget"/>.</summary>
    public const long DefaultStepBudget = 1_000_000;

    /// <summary>
    /// Steps one evaluation of a script may take: one per loop iteration, per <c>goto</c> and per call
    /// of a local function or lambda. Past it the evaluation fails with an
    /// <see cref="Calc.Sdk.ExpressionEvaluationException"/>.
    /// </summary>
    public long StepBudget { get; init; } = DefaultStepBudget;

    /// <summary>The default <see cref="MaxCallDepth"/>.</summary>
    public const int DefaultMaxCallDepth = 1_000;

    /// <summary>
    /// How deeply local functions and lambdas may call each other in one evaluation. A script that
    /// recurses deeper fails (with an <see cref="Calc.Sdk.ExpressionEvaluationException"/>) long before the
    /// thread's stack could overflow; the stack is checked too, in case frames are large.
    /// </summary>
    public int MaxCallDepth { get; init; } = DefaultMaxCallDepth;
}
