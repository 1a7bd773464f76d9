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

        try
        {
            return evaluate(values);
        }
        catch (ValueTypeException e)
        {
            var what = e.Reference >= 0 ? "'" + references[e.Reference] + "'" : "a value";
            throw new ExpressionEvaluationException(what + ": " + e.Message + " (in " + Text + ")", e);
        }
    }

    public override string ToString() => Text;
}
