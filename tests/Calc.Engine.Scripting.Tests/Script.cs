using Calc.Sdk;

namespace Calc.Engine.Scripting.Tests;

/// <summary>Compiles and evaluates scripts for the tests, with one compiler shared by the whole run.</summary>
internal static class Script
{
    public static CSharpScriptCompiler Compiler { get; } = new();

    public static ICompiledExpression Compile(string text)
    {
        var problems = new ProblemList();
        var compiled = Compiler.Compile(text, ExpressionLanguage.CSharpScript, "script", problems);
        Assert.True(problems.IsEmpty, string.Join("; ", problems.Items));
        Assert.NotNull(compiled);
        return compiled;
    }

    /// <summary>The problems compiling <paramref name="text"/> gives (messages only).</summary>
    public static string[] Problems(string text)
    {
        var problems = new ProblemList();
        var compiled = Compiler.Compile(text, ExpressionLanguage.CSharpScript, "policies[0].script", problems);
        Assert.Null(compiled);
        Assert.All(problems.Items, p => Assert.Equal("policies[0].script", p.Path));
        return [.. problems.Items.Select(p => p.Message)];
    }

    /// <summary>Evaluates with values given by reference name; references not named are null.</summary>
    public static PointValue Evaluate(string text, params (string Name, object? Value)[] values)
    {
        var compiled = Compile(text);
        var args = new PointValue[compiled.References.Count];
        foreach (var (name, value) in values)
        {
            for (var i = 0; i < compiled.References.Count; i++)
            {
                if (compiled.References[i] == name)
                {
                    args[i] = ToValue(value);
                }
            }
        }

        return compiled.Evaluate(args);
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
}
