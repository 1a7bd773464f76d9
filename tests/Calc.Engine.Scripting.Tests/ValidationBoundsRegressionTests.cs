using Calc.Sdk;

namespace Calc.Engine.Scripting.Tests;

/// <summary>
/// Validation itself must be bounded: 10,000 nested parentheses overflowed the compiler's stack (killing
/// <c>calc check</c> and <c>calc serve</c>), and six nested lambdas took over two minutes to compile.
/// </summary>
public sealed class ValidationBoundsRegressionTests
{
    [Fact]
    public void ShouldRefuseTenThousandNestedParenthesesQuickly()
    {
        var text = "return " + new string('(', 10_000) + "${m::x}" + new string(')', 10_000) + ";";

        var problems = Script.Problems(text);

        Assert.Equal(["line 1, column 72: brackets nest more than 64 deep; split the expression into variables"], problems);
    }

    [Fact]
    public void ShouldRefuseSixNestedLambdasWithoutCompilingThem()
    {
        var problems = Script.Problems(SixNestedLambdas);

        Assert.Equal(["line 1, column 83: lambdas nest 4 deep; at most 3 are compiled (their overload resolution grows exponentially): use a local function or a loop"], problems);
    }

    [Fact]
    public void ShouldStillCompileThreeNestedLambdasAndDeepButBoundedBrackets()
    {
        // (1 + 1) + (2 + 1)
        Assert.Equal(5.0, Script.Evaluate("return new[]{1.0, 2.0}.Sum(a => new[]{a}.Sum(b => new[]{b}.Sum(c => c + ${x})));", ("x", 1.0)).Number);
        Assert.Equal(3.0, Script.Evaluate("return " + new string('(', 60) + "${x} + 2" + new string(')', 60) + ";", ("x", 1.0)).Number);
    }

    [Fact]
    public void ShouldRefuseASourceLongerThanTheLimit()
    {
        var problems = Script.Problems("return 1;" + new string(' ', CSharpScriptOptions.DefaultMaxSourceLength));

        Assert.Equal(["line 1, column 1: the script is 20009 characters long; at most 20000 are compiled"], problems);
    }

    private const string SixNestedLambdas =
        "return new[]{1.0}.Sum(v0 => new[]{v0}.Sum(v1 => new[]{v1}.Sum(v2 => new[]{v2}.Sum(v3 => new[]{v3}.Sum(v4 => new[]{v4}.Sum(v5 => v5 + ${m::x})))))));";

    [Fact]
    public void ShouldRefuseNineThousandUnaryMinusesBeforeBindingThem()
    {
        // No brackets, so the bracket limit does not see it; the C# binder recursed once per minus and overflowed.
        var text = "return " + string.Concat(Enumerable.Repeat("- ", 9_000)) + "${m::x};";

        var problems = Script.Problems(text);

        Assert.Equal(["line 1, column 516: expressions and statements nest more than 256 deep; split the expression into variables"], problems);
    }

    [Fact]
    public void ShouldRefuseAChainOfNegationsBeforeBindingIt()
    {
        var problems = Script.Problems("return " + new string('!', 19_000) + "true ? 1.0 : ${m::x};");

        Assert.Equal(["line 1, column 261: expressions and statements nest more than 256 deep; split the expression into variables"], problems);
    }

    [Fact]
    public void ShouldStillCompileUnaryChainsAndElseIfChainsWithinTheLimit()
    {
        // 200 minuses: an even count gives x back; 300 else-ifs do not nest (the last one matches 3 > 2.5).
        Assert.Equal(3.0, Script.Evaluate("return " + string.Concat(Enumerable.Repeat("- ", 200)) + "${x};", ("x", 3.0)).Number);
        var chain = string.Concat(Enumerable.Range(0, 300).Select(i => $"if (${{x}} < {i - 297}) return {i}; else ")) + "return -1;";
        Assert.Equal(-1.0, Script.Evaluate(chain, ("x", 3.0)).Number);
        Assert.Equal(0.0, Script.Evaluate(chain, ("x", -300.0)).Number);
    }

    [Fact]
    public void ShouldCancelACompileThatTakesLongerThanItsTimeLimit()
    {
        // With the lambda limit raised, nested lambdas reach the C# compiler (six took a minute to bind; four, the
        // fewest that are slow, about a second, which the compiler goes on spending after the caller is answered).
        // With a 1 ms limit the script is refused.
        using var compiler = new CSharpScriptCompiler(new CSharpScriptOptions { MaxLambdaNesting = 4, MaxCompileTime = TimeSpan.FromMilliseconds(1) });
        var problems = new ProblemList();
        var fourNestedLambdas = "return new[]{1.0}.Sum(v0 => new[]{v0}.Sum(v1 => new[]{v1}.Sum(v2 => new[]{v2}.Sum(v3 => v3 + ${m::x}))));";

        var compiled = compiler.Compile(fourNestedLambdas, ExpressionLanguage.CSharpScript, "pipeline[0].script", problems);

        Assert.Null(compiled);
        Assert.Equal([("pipeline[0].script", "the script took longer than 1 ms to compile; simplify it")], problems.Items.Select(p => (p.Path, p.Message)));
        // Not cached: on a less busy machine the same text may compile in time.
        Assert.Equal(0, compiler.CachedCount);
    }

    [Fact]
    public void ShouldRefuseANonPositiveCompileTime()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CSharpScriptCompiler(new CSharpScriptOptions { MaxCompileTime = TimeSpan.Zero }));
    }

    private static string NestedTuples(int levels)
    {
        var lines = new List<string> { "var t0 = (1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0);" };
        for (var i = 1; i < levels; i++)
        {
            lines.Add($"var t{i} = ({string.Join(", ", Enumerable.Repeat($"t{i - 1}", 8))});");
        }

        lines.Add($"return t{levels - 1}.{string.Join(".", Enumerable.Repeat("Item1", levels))} + ${{m::x}};");
        return string.Join("\n", lines);
    }

    [Fact]
    public void ShouldRefuseEightLevelsOfNestedTuplesAtCheckTime()
    {
        // 8^8 doubles = 128 MB on the stack overflowed it at run time. The first value past 4 KB is refused, alone:
        // the fourth level, 32 KB (binding the further levels took the C# compiler seconds).
        var problems = Script.Problems(NestedTuples(8));

        Assert.Equal(["line 4, column 10: this value takes 32,768 bytes of stack, more than the 4,096 bytes a script's value may (tuples of tuples multiply): keep large data in an array"], problems);
    }

    [Fact]
    public void ShouldStillRunTuplesUpToTheLimit()
    {
        // Three levels: 512 doubles, 4,096 bytes, exactly the limit; t2.Item1.Item1.Item1 is 1.0, plus x.
        Assert.Equal(3.0, Script.Evaluate(NestedTuples(3), ("m::x", 2.0)).Number);
    }

    [Fact]
    public void ShouldRefuseALargeStructDeclaredWithoutAValue()
    {
        var tuple = "(" + string.Join(", ", Enumerable.Repeat("decimal", 7)) + ", (" + string.Join(", ", Enumerable.Repeat("decimal", 7)) + "))";
        var text = $"{tuple} big = default;\nreturn ${{m::x}};";
        using var compiler = new CSharpScriptCompiler(new CSharpScriptOptions { MaxValueBytes = 128 });
        var problems = new ProblemList();

        Assert.Null(compiler.Compile(text, ExpressionLanguage.CSharpScript, "script", problems));

        // 14 decimals of 16 bytes.
        Assert.Equal(["line 1, column 1: this value takes 224 bytes of stack, more than the 128 bytes a script's value may (tuples of tuples multiply): keep large data in an array"], problems.Items.Select(p => p.Message));
    }
}
