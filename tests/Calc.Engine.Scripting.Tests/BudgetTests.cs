using System.Diagnostics;
using Calc.Sdk;

namespace Calc.Engine.Scripting.Tests;

public class BudgetTests
{
    private const string Exceeded = "script exceeded its budget of 1000000 steps";

    [Theory]
    [InlineData("while (true) { }\nreturn 1;")]
    [InlineData("for (;;) ;\nreturn 1;")]
    [InlineData("var i = 0; do { i = (i + 1) % 7; } while (i >= 0);\nreturn i;")]
    [InlineData("foreach (var x in Forever()) { }\nreturn 1;\nIEnumerable<int> Forever() { while (true) yield return 1; }")]
    [InlineData("top: if (${a} < 1) goto top;\nreturn 1;")]
    [InlineData("return Enumerable.Range(0, 10).Select(i => { while (true) { } return i; }).Sum();")]
    [InlineData("double F(double n) => n + F(n + 1);\nreturn F(0);")]
    [InlineData("Func<int, int> f = null; f = n => f(n + 1) + 1;\nreturn f(0);")]
    public void ShouldStopAScriptThatRunsForeverWithinASecond(string text)
    {
        var compiled = Script.Compile(text);
        var clock = Stopwatch.StartNew();

        var e = Assert.Throws<ExpressionEvaluationException>(() => compiled.Evaluate([PointValue.FromNumber(0)]));

        Assert.True(
            e.Message is Exceeded or "script recursed deeper than 1000 calls",
            e.Message);
        Assert.InRange(clock.ElapsedMilliseconds, 0, 1_000);
    }

    [Theory]
    [InlineData(999, 999.0)]
    [InlineData(1000, 1000.0)]
    public void ShouldAllowRecursionUpToTheCallDepth(double n, double expected) =>
        Assert.Equal(
            PointValue.FromNumber(expected),
            Script.Evaluate("double F(double n) => n <= 1 ? 1 : 1 + F(n - 1);\nreturn F(${n});", ("n", n)));

    [Fact]
    public void ShouldStopRecursionDeeperThanTheCallDepth()
    {
        var compiled = Script.Compile("double F(double n) => n <= 1 ? 1 : 1 + F(n - 1);\nreturn F(${n});");

        var e = Assert.Throws<ExpressionEvaluationException>(() => compiled.Evaluate([PointValue.FromNumber(1001)]));

        Assert.Equal("script recursed deeper than 1000 calls", e.Message);
    }

    [Fact]
    public void ShouldStopDeepRecursionBeforeTheStackOverflows()
    {
        using var compiler = new CSharpScriptCompiler(new CSharpScriptOptions { StepBudget = long.MaxValue / 2, MaxCallDepth = int.MaxValue });
        var compiled = compiler.Compile("double F(double n) => n <= 0 ? 0 : 1 + F(n - 1);\nreturn F(1e12);", ExpressionLanguage.CSharpScript, "s", new ProblemList())!;

        var e = Assert.Throws<ExpressionEvaluationException>(() => compiled.Evaluate([]));

        Assert.Equal("script recursed too deeply for the stack", e.Message);
    }

    [Theory]
    [InlineData("try { while (true) { } } catch { }\nreturn 1;")]
    [InlineData("while (true) { try { while (true) { } } catch (Exception) { } }")]
    [InlineData("var n = 0; while (true) { try { while (true) { } } catch { n++; } if (n > 5) return n; }")]
    public void ShouldNotLetTheScriptCatchTheBudget(string text)
    {
        var compiled = Script.Compile(text);

        var e = Assert.Throws<ExpressionEvaluationException>(() => compiled.Evaluate([]));

        Assert.Equal(Exceeded, e.Message);
    }

    [Fact]
    public void ShouldNotLetTheScriptDisguiseTheBudgetAsAnotherException()
    {
        var compiled = Script.Compile("try { while (true) { } } catch (Exception e) { throw new InvalidOperationException(\"wrapped\", e); }");

        var e = Assert.Throws<ExpressionEvaluationException>(() => compiled.Evaluate([]));

        Assert.Equal(Exceeded, e.Message);
    }

    [Fact]
    public void ShouldKeepTheFirstLimitThatWasHit()
    {
        var compiled = Script.Compile("int F(int n) => F(n + 1) + 1;\ntry { F(0); } catch { }\nwhile (true) { }");

        var e = Assert.Throws<ExpressionEvaluationException>(() => compiled.Evaluate([]));

        Assert.Equal("script recursed deeper than 1000 calls", e.Message);
    }

    [Theory]
    [InlineData("IEnumerable<double> e = new[] { ${a} };\nfor (var i = 0; i < 200_000; i++) { e = e.Select(x => x + 1); }\nreturn e.Sum();")]
    [InlineData("IEnumerable<double> e = new[] { ${a} };\nfor (var i = 0; i < 200_000; i++) { e = from x in e where x > 0 select x; }\nreturn e.Sum();")]
    [InlineData("IEnumerable<double> e = new[] { ${a} };\nfor (var i = 0; i < 200_000; i++) { e = e?.Skip(0); }\nreturn e.Sum();")]
    public void ShouldStopLinqChainsLongBeforeTheyOverflowTheStack(string text)
    {
        var compiled = Script.Compile(text);

        var e = Assert.Throws<ExpressionEvaluationException>(() => compiled.Evaluate([PointValue.FromNumber(1)]));

        Assert.Equal("script made more than 10000 LINQ calls", e.Message);
    }

    [Fact]
    public void ShouldAllowEveryDayLinq() =>
        Assert.Equal(
            PointValue.FromNumber(60),
            Script.Evaluate(
                "var total = 0.0;\nfor (var i = 0; i < 1000; i++) { total += new[] { ${a}, ${b} }.Where(x => x > 0).Select(x => x / 1000).Sum(); }\nreturn Math.Round(total, 9);",
                ("a", 20.0),
                ("b", 40.0)));

    [Fact]
    public void ShouldAllowExactlyTheConfiguredBudget()
    {
        using var compiler = new CSharpScriptCompiler(new CSharpScriptOptions { StepBudget = 100 });
        var compiled = compiler.Compile("var s = 0; for (var i = 0; i < (int)${n}; i++) { s++; } return s;", ExpressionLanguage.CSharpScript, "s", new ProblemList())!;

        var within = compiled.Evaluate([PointValue.FromNumber(100)]);
        var e = Assert.Throws<ExpressionEvaluationException>(() => compiled.Evaluate([PointValue.FromNumber(101)]));
        var again = compiled.Evaluate([PointValue.FromNumber(7)]);

        Assert.Equal(PointValue.FromNumber(100), within);
        Assert.Equal("script exceeded its budget of 100 steps", e.Message);
        Assert.Equal(PointValue.FromNumber(7), again);
    }

    [Fact]
    public void ShouldCountLambdaCallsAndTheSequenceAsSteps()
    {
        using var compiler = new CSharpScriptCompiler(new CSharpScriptOptions { StepBudget = 100 });
        var compiled = compiler.Compile("return Enumerable.Range(0, (int)${n}).Select(i => i * 2.0).Sum();", ExpressionLanguage.CSharpScript, "s", new ProblemList())!;

        Assert.Equal(PointValue.FromNumber(2450), compiled.Evaluate([PointValue.FromNumber(50)]));
        Assert.Throws<ExpressionEvaluationException>(() => compiled.Evaluate([PointValue.FromNumber(51)]));
    }

    [Theory]
    [InlineData("return Enumerable.Range(0, int.MaxValue).Sum(i => (long)i);")]
    [InlineData("return Enumerable.Repeat(\"x\", 100_000_000).Count();")]
    [InlineData("var big = new double[200_000_000]; return big.Length;")]
    [InlineData("var rows = new double[1000][]; for (var i = 0; i < rows.Length; i++) { rows[i] = new double[1000]; } return rows.Length;")]
    public void ShouldChargeSequencesAndArraysByTheirSize(string text)
    {
        var compiled = Script.Compile(text);

        var e = Assert.Throws<ExpressionEvaluationException>(() => compiled.Evaluate([]));

        Assert.Equal(Exceeded, e.Message);
    }

    [Fact]
    public void ShouldNotLetACaughtChargeResetTheBudget()
    {
        var compiled = Script.Compile("try { var a = new int[int.MaxValue]; } catch { }\ntry { var b = new long[long.MaxValue]; } catch { }\nwhile (true) { }");

        var e = Assert.Throws<ExpressionEvaluationException>(() => compiled.Evaluate([]));

        Assert.Equal(Exceeded, e.Message);
    }

    [Theory]
    [InlineData("var a = new int[2]; return a[(int)${i}];", "line 1, column 21: script failed: Index was outside the bounds of the array. (IndexOutOfRangeException)")]
    [InlineData("throw new InvalidOperationException(\"bad data from \" + Text(${i}));", "line 1, column 1: script failed: bad data from 5 (InvalidOperationException)")]
    [InlineData("return new Dictionary<string, double>()[\"missing\"];", "line 1, column 1: script failed: The given key 'missing' was not present in the dictionary. (KeyNotFoundException)")]
    [InlineData("return checked((int)${i} * int.MaxValue);", "line 1, column 1: script failed: Arithmetic operation resulted in an overflow. (OverflowException)")]
    public void ShouldReportExceptionsTheScriptThrows(string text, string expected)
    {
        var compiled = Script.Compile(text);

        var e = Assert.Throws<ExpressionEvaluationException>(() => compiled.Evaluate([PointValue.FromNumber(5)]));

        Assert.Equal(expected, e.Message);
    }
}
