namespace Calc.Sdk;

/// <summary>A compiled rule failed while evaluating (type error, budget exceeded).</summary>
public sealed class ExpressionEvaluationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExpressionEvaluationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ExpressionEvaluationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ExpressionEvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
