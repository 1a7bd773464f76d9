using System.Linq.Expressions;

namespace Calc.Engine.Expressions.Internal;

/// <summary>A compiled sub-expression with its static type and where it starts in the text.</summary>
/// <param name="Type">Static type, which decides the CLR type of <paramref name="Expr"/>.</param>
/// <param name="Expr">The LINQ expression that computes it.</param>
/// <param name="Offset">Offset in the original text (for messages).</param>
/// <param name="Reference">The reference (<c>model::point</c>) when this is a plain reference, for run-time messages.</param>
/// <param name="MayBeInfinite">
/// True for computed numbers, which may be ±∞ (1 / 0). They are not checked where they are made:
/// + - * and a dividend keep a non-finite value non-finite, and the result becomes null in the end.
/// Every other use (comparisons, functions, divisors, null tests) maps them to NaN (null) first.
/// </param>
internal readonly record struct Typed(StaticType Type, Expression Expr, int Offset, string? Reference = null, bool MayBeInfinite = false)
{
    public bool IsNumeric => Type is StaticType.Number or StaticType.Boolean;

    /// <summary>The value when this is a numeric literal.</summary>
    public double? Constant => Expr is ConstantExpression { Value: double d } && Type == StaticType.Number ? d : null;

    public static string Describe(StaticType type) => type switch
    {
        StaticType.Number => "a number",
        StaticType.Boolean => "a boolean",
        StaticType.String => "a string",
        StaticType.Null => "null",
        _ => "a value",
    };
}
