using System.Runtime.CompilerServices;
using Calc.Engine.Plugins;
using Calc.Engine.Runtime;
using Calc.Engine.Scripting.Internal;
using Calc.Sdk;
using Calc.Sdk.Testing;

namespace Calc.Engine.Scripting.Tests;

/// <summary>With per-job script compilers, a job's scripts live as long as the job: disposing it unloads them.</summary>
public class JobUnloadTests
{
    private const string Script = "return ${m::a} * 2;";
    private const string Job = """
        {"id":"j","orgId":"o1","pipeline":[{"op":"script","script":"return ${m::a} * 2;","output":"m::b"}]}
        """;

    [Fact]
    public void ShouldUnloadAJobsScripts_WhenTheJobIsDisposed()
    {
        var created = new List<CSharpScriptCompiler>();
        var engine = Engine(created);

        var context = CompileRunAndDispose(engine, created);

        for (var i = 0; i < 20 && context.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(context.IsAlive);
        Assert.Throws<ObjectDisposedException>(() => created[0].Compile(Script, ExpressionLanguage.CSharpScript, "s", new ProblemList()));
    }

    [Fact]
    public void ShouldGiveEachJobItsOwnCompiler_AndKeepTheOthersScripts()
    {
        var created = new List<CSharpScriptCompiler>();
        var engine = Engine(created);
        var first = engine.Compile(Job, new ProblemList())!;
        var second = engine.Compile(Job, new ProblemList())!;

        first.Dispose();

        Assert.Equal(2, created.Count);
        Assert.Equal(1, created[1].CachedCount);
        Assert.Equal(8.0, Run(second, 4));
        second.Dispose();
    }

    private static CalcEngine Engine(List<CSharpScriptCompiler> created)
    {
        var registry = new OperatorRegistry();
        foreach (var factory in PluginFactories.All(new Calc.Templates.Merging.MergingPlugin()))
        {
            registry.Register(factory, null, "builtin", "1.0.0");
        }

        return CalcEngine.Create(registry, new CalcEngineOptions
        {
            PerJobCompilers = new Dictionary<ExpressionLanguage, Func<IExpressionCompiler>>
            {
                [ExpressionLanguage.CSharpScript] = () =>
                {
                    var compiler = new CSharpScriptCompiler();
                    created.Add(compiler);
                    return compiler;
                },
            },
        });
    }

    /// <summary>Compiles the job, runs one record, disposes the job; keeps only a weak reference to its script's context.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference CompileRunAndDispose(CalcEngine engine, List<CSharpScriptCompiler> created)
    {
        var problems = new ProblemList();
        var job = engine.Compile(Job, problems);
        Assert.True(problems.IsEmpty, string.Join("; ", problems.Items));
        Assert.Equal(8.0, Run(job!, 4));
        var context = ((CompiledScript)created[0].Compile(Script, ExpressionLanguage.CSharpScript, "s", new ProblemList())!).LoadContext;
        job!.Dispose();
        return context;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Run(CompiledJob job, double a)
    {
        var sink = new Sink();
        var lane = new JobInstance(job, sink);
        lane.Open();
        lane.Process(new PointRecord { OrgId = "o1", ModelId = "m", AssetId = "x", PointId = "a", Time = 1, Value = PointValue.FromNumber(a) });
        lane.Close();
        return sink.Last;
    }

    private sealed class Sink : IOutputSink
    {
        public double Last { get; private set; }

        public void Write(in PointRecord record) => Last = record.Value.Number;

        public void Flush()
        {
        }
    }
}
