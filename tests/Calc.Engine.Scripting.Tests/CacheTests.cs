using Calc.Engine.Scripting.Internal;
using Calc.Sdk;

namespace Calc.Engine.Scripting.Tests;

public class CacheTests
{
    [Fact]
    public void ShouldCompileEachDistinctTextOnce()
    {
        using var compiler = new CSharpScriptCompiler();
        var problems = new ProblemList();

        var first = compiler.Compile("return ${a} * 2;", ExpressionLanguage.CSharpScript, "a", problems);
        var second = compiler.Compile("return ${a} * 2;", ExpressionLanguage.CSharpScript, "b", problems);
        var other = compiler.Compile("return ${a} * 3;", ExpressionLanguage.CSharpScript, "c", problems);

        Assert.NotNull(first);
        Assert.Same(first, second);
        Assert.NotSame(first, other);
        Assert.Same(((CompiledScript)first).LoadContext.Target, ((CompiledScript)second!).LoadContext.Target);
        Assert.Equal(2, compiler.CachedCount);
    }

    [Fact]
    public void ShouldReturnOneObjectWhenManyThreadsCompileTheSameText()
    {
        using var compiler = new CSharpScriptCompiler();
        var results = new ICompiledExpression?[8];

        Parallel.For(0, results.Length, i => results[i] = compiler.Compile("return Math.Sqrt(${a}) + 1;", ExpressionLanguage.CSharpScript, "p", new ProblemList()));

        Assert.All(results, r => Assert.Same(results[0], r));
        Assert.Equal(1, compiler.CachedCount);
    }

    [Fact]
    public void ShouldReportTheProblemsOfACachedFailureEveryTime()
    {
        using var compiler = new CSharpScriptCompiler();
        var first = new ProblemList();
        var second = new ProblemList();

        compiler.Compile("return foo(1);", ExpressionLanguage.CSharpScript, "jobs[0]", first);
        compiler.Compile("return foo(1);", ExpressionLanguage.CSharpScript, "jobs[1]", second);

        Assert.Equal("jobs[0]", Assert.Single(first.Items).Path);
        Assert.Equal("jobs[1]", Assert.Single(second.Items).Path);
        Assert.Equal("line 1, column 8: The name 'foo' does not exist in the current context (CS0103)", second.Items[0].Message);
        Assert.Equal(1, compiler.CachedCount);
    }

    [Fact]
    public void ShouldEvaluateOneCompiledScriptFromManyThreads()
    {
        var compiled = Script.Compile("var s = 0.0; for (var i = 0; i < 1000; i++) { s += ${x}; } return s;");
        var wrong = 0;

        Parallel.For(0, 64, i =>
        {
            if (compiled.Evaluate([PointValue.FromNumber(i)]) != PointValue.FromNumber(1000.0 * i))
            {
                Interlocked.Increment(ref wrong);
            }
        });

        Assert.Equal(0, wrong);
    }
}
