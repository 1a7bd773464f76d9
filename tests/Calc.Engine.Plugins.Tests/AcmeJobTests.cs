using Calc.Engine.Files;
using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Engine.Plugins.Tests;

/// <summary>The sample partner plugin installed in a plugin root runs the documented job on the real wind data, as <c>calc run</c> does.</summary>
public sealed class AcmeJobTests : IDisposable
{
    private readonly TestRoot _root = new();

    [Fact]
    public void ShouldRunTheDocumentedPowerCurveJobOnTheWindData()
    {
        _root.Install("Acme.PowerCurve", "acme.wind/1.0.0");
        var problems = new ProblemList();
        var engine = _root.Engine(problems);
        var job = engine.Compile(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "power-curve-job.json")), problems);
        Assert.Empty(problems.Items);
        var sink = new CollectingSink();

        using var input = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Fixtures", "wind-3days.ndjson"));
        var metrics = new FileJobRunner(new JobInstance(job!, sink), new RejectedWriter(Stream.Null)).Run(input);

        Assert.Equal((1732, 0, 3 * 433), (metrics.Processed, metrics.Rejected, metrics.Outputs));
        // 2018-01-01 00:00, T1: wind 5.31133604 m/s, between (5.0, 336) and (5.5, 469) on the job's curve:
        // 336 + 133 × 0.31133604 / 0.5 = 418.81538664 kW; actual 380.0477905 kW → deviation −38.76759614;
        // 380.05 ≥ 0.9 × 418.82 = 376.93 → not flagged. (The file's TheoreticalPower: 416.33 kW.)
        var first = sink.Records.Where(r => r.Time == 1_514_764_800_000).ToDictionary(r => r.PointId, r => r.Value);
        Assert.Equal(418.81538664, first["ExpectedPower"].Number, 8);
        Assert.Equal(-38.76759614, first["PowerDeviation"].Number, 8);
        Assert.Equal(PointValue.FromBool(false), first["UnderPerforming"]);
        Assert.Equal(93, sink.Records.Count(r => r.PointId == "UnderPerforming" && r.Value.Bool));
        Assert.All(sink.Records, r => Assert.Equal(("o1", "turbine", "T1"), (r.OrgId, r.ModelId, r.AssetId)));
    }

    public void Dispose() => _root.Dispose();
}
