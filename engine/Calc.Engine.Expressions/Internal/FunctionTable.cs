namespace Calc.Engine.Expressions.Internal;

/// <summary>The functions an expression may call (docs/expressions.md describes each).</summary>
internal static class FunctionTable
{
    private static readonly FunctionSpec[] Specs =
    [
        new("abs", 1, 1, "abs(x)"),
        new("acos", 1, 1, "acos(x)"),
        new("asin", 1, 1, "asin(x)"),
        new("atan", 1, 1, "atan(x)"),
        new("atan2", 2, 2, "atan2(y, x)"),
        new("ceiling", 1, 1, "ceiling(x)"),
        new("clamp", 3, 3, "clamp(x, low, high)"),
        new("coalesce", 2, int.MaxValue, "coalesce(a, b, ...)"),
        new("cos", 1, 1, "cos(x)"),
        new("exp", 1, 1, "exp(x)"),
        new("floor", 1, 1, "floor(x)"),
        new("if", 3, 3, "if(condition, whenTrue, whenFalse)"),
        new("isNull", 1, 1, "isNull(x)"),
        new("ln", 1, 1, "ln(x)"),
        new("log", 1, 2, "log(x[, base])"),
        new("log10", 1, 1, "log10(x)"),
        new("max", 2, int.MaxValue, "max(a, b, ...)"),
        new("min", 2, int.MaxValue, "min(a, b, ...)"),
        new("pow", 2, 2, "pow(x, y)"),
        new("round", 1, 2, "round(x[, digits])"),
        new("sign", 1, 1, "sign(x)"),
        new("sin", 1, 1, "sin(x)"),
        new("sqrt", 1, 1, "sqrt(x)"),
        new("tan", 1, 1, "tan(x)"),
        new("truncate", 1, 1, "truncate(x)"),
    ];

    private static readonly Dictionary<string, FunctionSpec> ByName =
        Specs.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<FunctionSpec> All => Specs;

    /// <summary>The names, comma-separated, for the unknown-function message.</summary>
    public static string NameList { get; } = string.Join(", ", Specs.Select(s => s.Name));

    public static bool TryGet(string name, out FunctionSpec spec) => ByName.TryGetValue(name, out spec!);
}
