using NCalc;

namespace Calc.Engine.Expressions.Internal;

/// <summary>NCalc's binary operator symbols and the names used in messages.</summary>
internal static class OperatorTable
{
    private static readonly Dictionary<string, BinaryExpressionType> Binary = new(StringComparer.Ordinal)
    {
        ["+"] = BinaryExpressionType.Plus,
        ["-"] = BinaryExpressionType.Minus,
        ["*"] = BinaryExpressionType.Times,
        ["/"] = BinaryExpressionType.Div,
        ["%"] = BinaryExpressionType.Modulo,
        ["**"] = BinaryExpressionType.Exponentiation,
        ["=="] = BinaryExpressionType.Equal,
        ["="] = BinaryExpressionType.Equal,
        ["!="] = BinaryExpressionType.NotEqual,
        ["<>"] = BinaryExpressionType.NotEqual,
        ["<"] = BinaryExpressionType.Lesser,
        ["<="] = BinaryExpressionType.LesserOrEqual,
        [">"] = BinaryExpressionType.Greater,
        [">="] = BinaryExpressionType.GreaterOrEqual,
        ["&&"] = BinaryExpressionType.And,
        ["||"] = BinaryExpressionType.Or,
        ["&"] = BinaryExpressionType.BitwiseAnd,
        ["|"] = BinaryExpressionType.BitwiseOr,
        ["^"] = BinaryExpressionType.BitwiseXOr,
        ["<<"] = BinaryExpressionType.LeftShift,
        [">>"] = BinaryExpressionType.RightShift,
        ["??"] = BinaryExpressionType.Coalesce,
    };

    public static bool TryGetBinary(string symbol, out BinaryExpressionType type) => Binary.TryGetValue(symbol, out type);

    /// <summary>Why an operator NCalc parses is refused, or null when it is supported.</summary>
    public static string? Unsupported(BinaryExpressionType type) => type switch
    {
        BinaryExpressionType.BitwiseXOr => "'^' is bitwise XOR in NCalc and is not supported; for a power write x ** y or pow(x, y)",
        BinaryExpressionType.BitwiseAnd or BinaryExpressionType.BitwiseOr or BinaryExpressionType.LeftShift or BinaryExpressionType.RightShift =>
            "bitwise operators (& | << >>) are not supported; use 'and' / 'or' for conditions",
        BinaryExpressionType.Like or BinaryExpressionType.NotLike => "'like' is not supported; compare strings with == or !=",
        BinaryExpressionType.Unknown => "unknown operator",
        _ => null,
    };

    public static string Symbol(BinaryExpressionType type) => type switch
    {
        BinaryExpressionType.Plus => "+",
        BinaryExpressionType.Minus => "-",
        BinaryExpressionType.Times => "*",
        BinaryExpressionType.Div => "/",
        BinaryExpressionType.Modulo => "%",
        BinaryExpressionType.Exponentiation => "**",
        BinaryExpressionType.Equal => "==",
        BinaryExpressionType.NotEqual => "!=",
        BinaryExpressionType.Lesser => "<",
        BinaryExpressionType.LesserOrEqual => "<=",
        BinaryExpressionType.Greater => ">",
        BinaryExpressionType.GreaterOrEqual => ">=",
        BinaryExpressionType.And => "and",
        BinaryExpressionType.Or => "or",
        BinaryExpressionType.In => "in",
        BinaryExpressionType.NotIn => "not in",
        BinaryExpressionType.Coalesce => "??",
        _ => type.ToString(),
    };
}
