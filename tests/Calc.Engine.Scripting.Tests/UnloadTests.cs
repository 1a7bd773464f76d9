using System.Runtime.CompilerServices;
using Calc.Engine.Scripting.Internal;
using Calc.Sdk;

namespace Calc.Engine.Scripting.Tests;

public class UnloadTests
{
    [Fact]
    public void ShouldCollectEveryLoadContextAfterDispose()
    {
        var compiler = new CSharpScriptCompiler();
        var contexts = CompileAndRun(compiler, 3);

        compiler.Dispose();

        for (var i = 0; i < 20 && contexts.Any(c => c.IsAlive); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.All(contexts, c => Assert.False(c.IsAlive));
    }

    [Fact]
    public void ShouldKeepLoadContextsWhileTheCompilerLives()
    {
        var compiler = new CSharpScriptCompiler();
        var contexts = CompileAndRun(compiler, 1);

        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.True(contexts[0].IsAlive);
        compiler.Dispose();
    }

    [Fact]
    public void ShouldRefuseToCompileAfterDispose()
    {
        var compiler = new CSharpScriptCompiler();
        compiler.Dispose();

        Assert.Throws<ObjectDisposedException>(() => compiler.Compile("1", ExpressionLanguage.CSharpScript, "s", new ProblemList()));
    }

    /// <summary>Compiles and runs scripts (one with a loop, so its thread-static counter is used) and keeps only weak references.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference[] CompileAndRun(CSharpScriptCompiler compiler, int count)
    {
        var contexts = new WeakReference[count];
        for (var i = 0; i < count; i++)
        {
            var problems = new ProblemList();
            var text = "var s = 0.0; for (var k = 0; k < " + (i + 2) + "; k++) { s += ${x}; } return s;";
            var compiled = (CompiledScript)compiler.Compile(text, ExpressionLanguage.CSharpScript, "s", problems)!;
            Assert.Equal(PointValue.FromNumber(3 * (i + 2)), compiled.Evaluate([PointValue.FromNumber(3)]));
            contexts[i] = compiled.LoadContext;
        }

        return contexts;
    }
}
