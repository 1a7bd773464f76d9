using Calc.Sdk;

namespace Calc.Engine.Scripting.Tests;

/// <summary>
/// Escape 7 of the adversarial test: the step budget was bypassed by <c>Enumerable.InfiniteSequence</c>/<c>Sequence</c>
/// and by <c>Range</c>/<c>Repeat</c> called through a method group (500 M iterations ran). They are refused when the
/// job is checked: a delegate made of a LINQ method is called by library code where no charge runs.
/// </summary>
public class BudgetBypassTests
{
    private const string Uncountable = " is not allowed in scripts (the step budget cannot bound its length): use Enumerable.Range, whose length is charged, or a loop";

    private static string Group(string name) =>
        "Enumerable." + name + " as a method group is not allowed in scripts (the step budget cannot count the calls made through it): "
        + "call it directly, or write a lambda such as (…) => Enumerable." + name + "(…)";

    [Theory]
    [InlineData("Func<int, int, IEnumerable<int>> r = Enumerable.Range;\nreturn r(0, 500_000_000).Sum() + ${m::x};", "line 1, column 38: ", "Range")]
    [InlineData("Func<int, int, IEnumerable<int>> r = Enumerable.Repeat;\nreturn r(1, 500_000_000).Sum() + ${m::x};", "line 1, column 38: ", "Repeat")]
    [InlineData("var r = new Func<int, int, IEnumerable<int>>(Enumerable.Range);\nreturn r(0, 500_000_000).Count();", "line 1, column 46: ", "Range")]
    [InlineData("var xs = new[] { 1, 2 };\nFunc<Func<int, int>, IEnumerable<int>> s = xs.Select;\nreturn s(i => i).Sum();", "line 2, column 44: ", "Select")]
    public void ShouldRefuseALinqMethodGroup(string text, string at, string name) =>
        Assert.Equal(at + Group(name), Script.Problems(text)[0]);

    [Fact]
    public void ShouldRefuseTheIssuesStackOverflowThroughMethodGroups()
    {
        const string text = "Func<Func<int,int>, int, IEnumerable<Func<int,int>>> rep = Enumerable.Repeat; Func<int,int> f = Math.Abs; "
            + "Func<IEnumerable<int>, Func<int,int>, IEnumerable<int>> sel = Enumerable.Select; "
            + "var xs = rep(f, 2_000_000).Aggregate(Enumerable.Range(0, 1), sel); return xs.Sum() + ${m::x};";

        var problems = Script.Problems(text);

        Assert.Equal(["line 1, column 60: " + Group("Repeat"), "line 1, column 169: " + Group("Select")], problems);
    }

    [Theory]
    [InlineData("return Enumerable.InfiniteSequence(0, 1).Sum() + ${m::x};", "line 1, column 8: Enumerable.InfiniteSequence")]
    [InlineData("return Enumerable.Sequence(0, 500_000_000, 1).Sum() + ${m::x};", "line 1, column 8: Enumerable.Sequence")]
    [InlineData("var s = Enumerable.InfiniteSequence(1.0, 0.5).Take(3);\nreturn s.Sum();", "line 1, column 9: Enumerable.InfiniteSequence")]
    public void ShouldRefuseSequencesWhoseLengthIsNotCharged(string text, string expected) =>
        Assert.Equal(expected + Uncountable, Script.Problems(text)[0]);

    [Fact]
    public void ShouldStillRunDirectLinqCallsAndLambdasOverThem()
    {
        // 2·(0+1+…+9) + 3·2 + 5
        const string text = "Func<int, int, IEnumerable<int>> r = (a, b) => Enumerable.Range(a, b);\n"
            + "return Enumerable.Range(0, 10).Select(i => i * 2).Sum() + Enumerable.Repeat(3, 2).Sum() + r(5, 1).Sum();";

        Assert.Equal(PointValue.FromNumber(101), Script.Evaluate(text));
    }

    [Fact]
    public void ShouldChargeARangeReachedThroughALambda()
    {
        var compiled = Script.Compile("Func<int, int, IEnumerable<int>> r = (a, b) => Enumerable.Range(a, b);\nreturn r(0, 500_000_000).Sum();");

        var e = Assert.Throws<ExpressionEvaluationException>(() => compiled.Evaluate([]));

        Assert.Equal("script exceeded its budget of 1000000 steps", e.Message);
    }
}
