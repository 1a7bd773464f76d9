using Calc.Sdk;

namespace Calc.Engine.Expressions.Internal;

/// <summary>
/// Thrown by compiled code when data has the wrong type; <see cref="CompiledNCalcExpression"/>
/// turns it into an <see cref="ExpressionEvaluationException"/> naming the reference.
/// </summary>
internal sealed class ValueTypeException : Exception
{
    public ValueTypeException()
    {
    }

    public ValueTypeException(string message)
        : base(message)
    {
    }

    public ValueTypeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ValueTypeException(int reference, string expected, PointValue value)
        : base("expected " + expected + ", got the string \"" + value.Text + "\"")
    {
        Reference = reference;
    }

    /// <summary>Index of the reference whose value was wrong, or -1 for a computed value.</summary>
    public int Reference { get; } = -1;
}
