using Calc.Sdk;

namespace Calc.Engine.Scripting.Tests;

public class ErrorTests
{
    [Theory]
    [ClassData(typeof(ErrorCases))]
    public void ShouldReportEveryProblemWithLineAndColumn(string text, string[] expected) =>
        Assert.Equal(expected, Script.Problems(text));

    [Fact]
    public void ShouldAskForLongerNamesPastOneHundredReferences()
    {
        var longNames = string.Join(" + ", Enumerable.Range(0, 100).Select(i => "${point" + i + "}"));

        var problems = Script.Problems("return " + longNames + " + ${a};");

        Assert.Equal(["line 1, column 1298: too many references with one-character names: name this one longer"], problems);
    }

    [Fact]
    public void ShouldNotCompileNCalcRules()
    {
        var problems = new ProblemList();

        Assert.Null(Script.Compiler.Compile("[a] + 1", ExpressionLanguage.NCalc, "p", problems));
        Assert.Equal("the C# script compiler cannot compile NCalc rules", Assert.Single(problems.Items).Message);
    }

    [Fact]
    public void ShouldRefuseNonPositiveLimits()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CSharpScriptCompiler(new CSharpScriptOptions { StepBudget = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CSharpScriptCompiler(new CSharpScriptOptions { MaxCallDepth = -1 }));
    }
}
