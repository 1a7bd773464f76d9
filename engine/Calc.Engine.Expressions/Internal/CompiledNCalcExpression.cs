using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
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
        if (values is null || values.Length < references.Length)
        {
            BadValues(values);
        }

        // No try/catch here: it costs about as much as the formula. Type errors throw
        // ExpressionEvaluationException from the compiled code itself (see Runtime).
        return evaluate(values);
    }

    /// <summary>Out of line, so that the check above stays two instructions and saves no registers.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    [DoesNotReturn]
    private void BadValues(PointValue[]? values)
    {
        ArgumentNullException.ThrowIfNull(values);
        throw new ArgumentException(
            "expected " + references.Length + " values (one per reference), got " + values.Length, nameof(values));
    }

    public override string ToString() => Text;
}
