using Calc.Sdk;

namespace Calc.Engine.Expressions.Tests;

public class CacheTests
{
    [Fact]
    public void ShouldReturnTheSameCompiledObjectForTheSameText()
    {
        var compiler = new NCalcExpressionCompiler();
        var problems = new ProblemList();

        var first = compiler.Compile("[a] * 2", ExpressionLanguage.NCalc, "a", problems);
        var second = compiler.Compile("[a] * 2", ExpressionLanguage.NCalc, "b", problems);
        var other = compiler.Compile("[a] * 3", ExpressionLanguage.NCalc, "c", problems);

        Assert.NotNull(first);
        Assert.Same(first, second);
        Assert.NotSame(first, other);
        Assert.Equal(2, compiler.CachedCount);
    }

    [Fact]
    public void ShouldReturnOneObjectWhenManyThreadsCompileTheSameText()
    {
        var compiler = new NCalcExpressionCompiler();
        var results = new ICompiledExpression?[16];

        Parallel.For(0, results.Length, i => results[i] = compiler.Compile("sqrt([a]) + 1", ExpressionLanguage.NCalc, "p", new ProblemList()));

        Assert.All(results, r => Assert.Same(results[0], r));
        Assert.Equal(1, compiler.CachedCount);
    }

    [Fact]
    public void ShouldReportTheProblemsOfACachedFailureEveryTime()
    {
        var compiler = new NCalcExpressionCompiler();
        var first = new ProblemList();
        var second = new ProblemList();

        compiler.Compile("foo(1)", ExpressionLanguage.NCalc, "jobs[0]", first);
        compiler.Compile("foo(1)", ExpressionLanguage.NCalc, "jobs[1]", second);

        Assert.Equal("jobs[0]", Assert.Single(first.Items).Path);
        Assert.Equal("jobs[1]", Assert.Single(second.Items).Path);
        Assert.Equal(first.Items[0].Message, second.Items[0].Message);
    }
}
