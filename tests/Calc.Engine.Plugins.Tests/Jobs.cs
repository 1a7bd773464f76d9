using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Engine.Plugins.Tests;

/// <summary>Compiles and runs small pipeline jobs over records made in the test.</summary>
internal static class Jobs
{
    public static CompiledJob Compile(CalcEngine engine, string pipelineStep, string id = "j1")
    {
        var problems = new ProblemList();
        var job = engine.Compile($$"""{"id":"{{id}}","orgId":"o1","idleTimeout":"1s","pipeline":[{{pipelineStep}}]}""", problems);
        Assert.True(job is not null, string.Join(Environment.NewLine, problems.Items));
        return job!;
    }

    public static CompiledJob Compile(OperatorRegistry registry, string pipelineStep, string id = "j1") =>
        Compile(CalcEngine.Create(registry, new LanguageCompiler(new Dictionary<ExpressionLanguage, IExpressionCompiler>())), pipelineStep, id);

    public static PointRecord Record(string assetId, long time, double value, string pointId = "P") => new()
    {
        OrgId = "o1",
        ModelId = "m",
        AssetId = assetId,
        PointId = pointId,
        Time = time,
        Value = PointValue.FromNumber(value),
    };

    /// <summary>Runs records through a new lane and returns the output values, in order.</summary>
    public static List<double> Run(CompiledJob job, params PointRecord[] records)
    {
        var sink = new CollectingSink();
        var lane = new JobInstance(job, sink);
        lane.Open();
        foreach (var record in records)
        {
            lane.Process(in record);
        }

        lane.FlushAll();
        lane.Close();
        return [.. sink.Records.Select(r => r.Value.Number)];
    }
}
