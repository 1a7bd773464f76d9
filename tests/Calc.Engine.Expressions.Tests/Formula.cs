using Calc.Sdk;

namespace Calc.Engine.Expressions.Tests;

/// <summary>Compiles and evaluates formulas for the tests.</summary>
internal static class Formula
{
    private static readonly NCalcExpressionCompiler Compiler = new();

    public static ICompiledExpression Compile(string text)
    {
        var problems = new ProblemList();
        var compiled = Compiler.Compile(text, ExpressionLanguage.NCalc, "expression", problems);
        Assert.True(problems.IsEmpty, string.Join("; ", problems.Items));
        Assert.NotNull(compiled);
        return compiled;
    }

    /// <summary>The problems compiling <paramref name="text"/> gives (messages only).</summary>
    public static string[] Problems(string text)
    {
        var problems = new ProblemList();
        var compiled = new NCalcExpressionCompiler().Compile(text, ExpressionLanguage.NCalc, "policies[0].expression", problems);
        Assert.Null(compiled);
        Assert.All(problems.Items, p => Assert.Equal("policies[0].expression", p.Path));
        return [.. problems.Items.Select(p => p.Message)];
    }

    /// <summary>Evaluates with values given by reference name (e.g. <c>("m::a", 2.0)</c>); references not named are null, names not referenced are ignored.</summary>
    public static PointValue Evaluate(string text, params (string Name, object? Value)[] values)
    {
        var compiled = Compile(text);
        var args = new PointValue[compiled.References.Count];
        foreach (var (name, value) in values)
        {
            var index = IndexOf(compiled.References, name);
            if (index >= 0)
            {
                args[index] = ToValue(value);
            }
        }

        return compiled.Evaluate(args);
    }

    public static double Number(string text, params (string Name, object? Value)[] values)
    {
        var result = Evaluate(text, values);
        Assert.True(result.IsNumber, text + " gave " + result.Kind + " " + result);
        return result.Number;
    }

    public static PointValue ToValue(object? value) => value switch
    {
        null => PointValue.Null,
        double d => PointValue.FromNumber(d),
        int i => PointValue.FromNumber(i),
        bool b => PointValue.FromBool(b),
        string s => PointValue.FromString(s),
        PointValue v => v,
        _ => throw new ArgumentException("unsupported test value " + value),
    };

    private static int IndexOf(IReadOnlyList<string> list, string name)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
