using Calc.Sdk;

namespace Calc.Engine.Expressions.Tests;

public class ErrorTests
{
    [Theory]
    [ClassData(typeof(ErrorCases))]
    public void ShouldReportProblemsWithLineAndColumn(string text, string[] expected) =>
        Assert.Equal(expected, Formula.Problems(text));

    [Fact]
    public void ShouldNameAnUnknownFunctionAndListTheAvailableOnes()
    {
        var problem = Assert.Single(Formula.Problems("1 + foo([a])"));

        Assert.StartsWith("line 1, column 5: unknown function 'foo'; the functions are: abs, acos, asin, atan, atan2, ceiling, clamp, coalesce,", problem, StringComparison.Ordinal);
        Assert.EndsWith(", sqrt, tan, truncate", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldReportEveryProblemInOrderNotJustTheFirst()
    {
        var problems = Formula.Problems("foo([a]) + sqrt(1, 2) +\n  y * 'a'");

        Assert.Equal(4, problems.Length);
        Assert.StartsWith("line 1, column 1: unknown function 'foo'", problems[0], StringComparison.Ordinal);
        Assert.Equal("line 1, column 12: function 'sqrt' takes 1 argument (sqrt(x)), not 2", problems[1]);
        Assert.StartsWith("line 2, column 3: unknown name 'y'", problems[2], StringComparison.Ordinal);
        Assert.Equal("line 2, column 5: operator '*' needs a number, not a string", problems[3]);
    }

    [Fact]
    public void ShouldReportEveryMalformedReference() =>
        Assert.Equal(
            ["line 1, column 1: malformed reference '${m::}': expected model::point with both parts", "line 1, column 10: unexpected character '#'", "line 1, column 12: malformed reference '[]': the name is empty"],
            Formula.Problems("${m::} + # []"));

    [Fact]
    public void ShouldRefuseOtherLanguagesWithAProblem()
    {
        var problems = new ProblemList();

        var compiled = new NCalcExpressionCompiler().Compile("return 1;", ExpressionLanguage.CSharpScript, "script", problems);

        Assert.Null(compiled);
        var problem = Assert.Single(problems.Items);
        Assert.Equal("script", problem.Path);
        Assert.Equal("the NCalc expression compiler cannot compile CSharpScript rules", problem.Message);
    }
}
