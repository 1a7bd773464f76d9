using Calc.Engine.Plugins;
using Calc.Engine.Runtime;
using Calc.Sdk;
using Calc.Sdk.Testing;

namespace Calc.Engine.Scripting.Tests;

/// <summary>
/// Escape 7 of the adversarial test, memory: one evaluation allocated ~1.9 GB. Each evaluation may allocate
/// <see cref="CSharpScriptOptions.MaxAllocatedBytes"/> (64 MB by default), read where the step budget is charged.
/// </summary>
public class MemoryLimitTests
{
    private const string Doubling = "var s = \"x\";\nfor (var i = 0; i < ${m::x}; i++) s += s;\nreturn s.Length;";

    [Theory]
    [InlineData(Doubling)]
    [InlineData("var l = new List<string>();\nwhile (true) l.Add(new string('x', 100_000));")]
    [InlineData("var b = new StringBuilder();\nreturn Enumerable.Range(0, 100_000).Count(i => b.Append('y', 10_000).Length > 0);")]
    public void ShouldFailAnEvaluationThatAllocatesMoreThan64Megabytes(string text)
    {
        var compiled = Script.Compile(text);

        var e = Assert.Throws<ExpressionEvaluationException>(() => compiled.Evaluate([PointValue.FromNumber(40)]));

        Assert.Equal("the script allocated more than 64 MB in one evaluation", e.Message);
    }

    [Fact]
    public void ShouldNotLetTheScriptCatchTheMemoryLimit()
    {
        var compiled = Script.Compile("var s = \"x\";\ntry { while (true) s += s; } catch (Exception) { }\nreturn s.Length;");

        var e = Assert.Throws<ExpressionEvaluationException>(() => compiled.Evaluate([]));

        Assert.Equal("the script allocated more than 64 MB in one evaluation", e.Message);
    }

    [Fact]
    public void ShouldAllowWhatStaysUnderTheLimit_AndUseTheConfiguredOne()
    {
        // 2^20 characters: 2 MB for the last string, about 4 MB in all.
        Assert.Equal(PointValue.FromNumber(1 << 20), Script.Evaluate(Doubling, ("m::x", 20.0)));

        using var compiler = new CSharpScriptCompiler(new CSharpScriptOptions { MaxAllocatedBytes = 1024 * 1024 });
        var compiled = compiler.Compile(Doubling, ExpressionLanguage.CSharpScript, "s", new ProblemList())!;
        var e = Assert.Throws<ExpressionEvaluationException>(() => compiled.Evaluate([PointValue.FromNumber(20)]));
        Assert.Equal("the script allocated more than 1 MB in one evaluation", e.Message);
        Assert.Equal(PointValue.FromNumber(1024), compiled.Evaluate([PointValue.FromNumber(10)]));
    }

    [Fact]
    public void ShouldSkipOnlyTheBombsRecordOutput_AndComputeTheNextRecord()
    {
        var registry = new OperatorRegistry();
        foreach (var factory in PluginFactories.All(new Calc.Templates.Merging.MergingPlugin()))
        {
            registry.Register(factory, null, "builtin", "1.0.0");
        }

        using var compiler = new CSharpScriptCompiler();
        var engine = CalcEngine.Create(registry, compiler);
        var problems = new ProblemList();
        const string job = """
            {"id":"s","orgId":"o1","pipeline":[{"op":"script","script":"var s = \"x\";\nfor (var i = 0; i < ${m::x}; i++) s += s;\nreturn s.Length;","output":"m::y"}]}
            """;
        using var compiled = engine.Compile(job, problems);
        Assert.True(problems.IsEmpty, string.Join("; ", problems.Items));
        var outputs = new List<PointRecord>();
        var lane = new JobInstance(compiled!, new Sink(outputs));
        lane.Open();

        lane.Process(Record(1000, 40));
        lane.Process(Record(2000, 3));
        lane.Close();

        var output = Assert.Single(outputs);
        Assert.Equal((2000L, 8.0), (output.Time, output.Value.Number));
        Assert.Equal("m", output.ModelId);
        Assert.Equal("y", output.PointId);
    }

    private static PointRecord Record(long time, double x) =>
        new() { OrgId = "o1", ModelId = "m", AssetId = "A1", PointId = "x", Time = time, Value = PointValue.FromNumber(x) };

    private sealed class Sink(List<PointRecord> outputs) : IOutputSink
    {
        public void Write(in PointRecord record) => outputs.Add(record);

        public void Flush()
        {
        }
    }
}
