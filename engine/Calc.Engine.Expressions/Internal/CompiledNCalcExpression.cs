using Calc.Sdk;

namespace Calc.Engine.Expressions.Internal;

/// <summary>An NCalc expression compiled to a delegate. Immutable, so thread-safe.</summary>
internal sealed class CompiledNCalcExpression(string text, string[] references, Func<PointValue[], PointValue> evaluate) : ICompiledExpression
{
    /// <summary>The expression as written.</summary>
    public string Text { get; } = text;

    public IReadOnlyList<string> References { get; } = references;

    public PointValue Evaluate(PointValue[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length < references.Length)
        {
            throw new ArgumentException(
                "expected " + references.Length + " values (one per reference), got " + values.Length, nameof(values));
        }

        // No try/catch here: it costs about as much as the formula. Type errors throw
        // ExpressionEvaluationException from the compiled code itself (see Runtime).
        return evaluate(values);
    }

    public override string ToString() => Text;
}
