using Calc.Sdk;

namespace Calc.Engine.Scripting.Tests;

public class ErrorTests
{
    [Theory]
    [ClassData(typeof(ErrorCases))]
    public void ShouldReportEveryProblemWithLineAndColumn(string text, string[] expected) =>
        Assert.Equal(expected, Script.Problems(text));

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
