using Calc.Engine.Runtime;
using Calc.Engine.Tracing;
using Calc.Sdk;

namespace Calc.Host.Tests;

/// <summary>The threshold step's own trace lines: why a value is invalid, what replaced it, what waits for a repair.</summary>
public sealed class TraceRepairTests
{
    private const long Day = 1514764800000; // 2018-01-01T00:00:00Z

    [Fact]
    public void ShouldSayWhatLastValueReplacedAndWhy()
    {
        var lines = Trace("""{"op":"threshold","input":"turbine::ActivePower","threshold":"[0,1500]","interpolation":"lastValue","maxGap":"20m"}""",
            (0, 1000), (10, 1612.4), (40, -5));

        Assert.Equal(
            [
                "00:00 1000 passed",
                "00:10 1612.4 repaired repaired.lastValue: 1612.4 outside [0,1500]; replaced by 1000 of 2018-01-01T00:00:00Z",
                "00:40 -5 filtered filtered.maxGap: -5 outside [0,1500], and the last valid value at 2018-01-01T00:00:00Z is further back than maxGap 20m",
            ],
            lines);
    }

    [Fact]
    public void ShouldSayWhatWaitsForALinearRepair_AndWhatItBecame()
    {
        var lines = Trace("""{"op":"threshold","input":"turbine::ActivePower","threshold":"[0,1500]","interpolation":"linear"}""",
            (0, 1000), (10, 1612.4), (20, 1200));

        Assert.Equal(
            [
                "00:00 1000 passed",
                "00:10 1612.4 held held: 1612.4 outside [0,1500]; waiting for the next valid value to interpolate from 1000 of 2018-01-01T00:00:00Z",
                "00:20 1200 passed",
                "00:20 1200 state repaired.linear: the held value 1612.4 of 2018-01-01T00:10:00Z became 1100, between 1000 of 2018-01-01T00:00:00Z and 1200 of 2018-01-01T00:20:00Z",
            ],
            lines);
    }

    [Fact]
    public void ShouldCarryARuleErrorsMessage()
    {
        var job = EngineFactory.Create(TextWriter.Null).Compile("""
            {"id":"t","orgId":"o1","pipeline":[{"op":"expression","expression":"${turbine::ActivePower} * 2","output":"turbine::P2"}]}
            """, new ProblemList())!;
        var log = new TraceLog(TraceFilter.Parse("T1"));
        var lane = new JobInstance(job, new NullSink()) { TraceLog = log };
        lane.Open();
        lane.Process(new PointRecord { OrgId = "o1", ModelId = "turbine", AssetId = "T1", PointId = "ActivePower", Time = Day, Value = PointValue.FromString("1612.4") });

        var line = Assert.Single(log.Events);
        Assert.Equal(TraceKind.Error, line.Kind);
        Assert.Equal(lane.Metrics.Problems.Messages.Single(), line.Detail);
        Assert.Equal("rule policies[0] (turbine::P2): line 1, column 1: 'turbine::ActivePower' (in ${turbine::ActivePower} * 2): expected a number, got the string \"1612.4\"", line.Detail);
    }

    private static string[] Trace(string step, params (int Minute, double Kw)[] records)
    {
        var job = EngineFactory.Create(TextWriter.Null).Compile($$"""{"id":"t","orgId":"o1","pipeline":[{{step}}]}""", new ProblemList())!;
        var log = new TraceLog(TraceFilter.Parse("T1"));
        var lane = new JobInstance(job, new NullSink()) { TraceLog = log };
        lane.Open();
        foreach (var (minute, kw) in records)
        {
            lane.Process(new PointRecord
            {
                OrgId = "o1", ModelId = "turbine", AssetId = "T1", PointId = "ActivePower", Time = Day + minute * 60_000L, Value = PointValue.FromNumber(kw),
            });
        }

        return [.. log.Events.Select(e => $"{TraceJson.Iso(e.Time)[11..16]} {e.Value} {TraceJson.KindName(e.Kind).ToLowerInvariant()} {e.Detail}".TrimEnd())];
    }

    private sealed class NullSink : IOutputSink
    {
        public void Write(in PointRecord record)
        {
        }

        public void Flush()
        {
        }
    }
}
