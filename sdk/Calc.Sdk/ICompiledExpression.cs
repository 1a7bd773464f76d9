namespace Calc.Sdk;

/// <summary>
/// An expression or script compiled once per job into a delegate. Thread-safe; evaluation does not
/// allocate for numeric results.
/// </summary>
public interface ICompiledExpression
{
    /// <summary>
    /// The references the text makes, in the order <see cref="Evaluate(PointValue[])"/> expects their values:
    /// <c>model::name</c> for <c>${model::name}</c>, or a bare <c>name</c> for <c>[name]</c>.
    /// A name may be a point or an asset attribute; the caller resolves it.
    /// </summary>
    IReadOnlyList<string> References { get; }

    /// <summary>
    /// Evaluates with one value per reference (same order as <see cref="References"/>).
    /// Returns <see cref="PointValue.Null"/> when the result is not a finite value.
    /// </summary>
    /// <exception cref="ExpressionEvaluationException">The rule failed at run time (for example a script exceeded its budget).</exception>
    PointValue Evaluate(PointValue[] values);

    /// <summary>
    /// Evaluates as <see cref="Evaluate(PointValue[])"/>, telling the rule where it runs: the time and
    /// asset of the record (or timer tick) that triggered it. C# scripts see them as <c>Time</c>,
    /// <c>TimeMs</c> and <c>AssetId</c>; languages without such variables ignore them (the default).
    /// </summary>
    /// <exception cref="ExpressionEvaluationException">The rule failed at run time.</exception>
    PointValue Evaluate(PointValue[] values, in EvaluationContext context) => Evaluate(values);
}
