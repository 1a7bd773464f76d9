using Calc.Engine.Runtime;
using Calc.Engine.Tracing;
using Calc.Sdk;

namespace Calc.Host.Tests;

/// <summary>Trace lines of one asset through a threshold step and a 1h window: filtered, passed, window close, late, too late; other assets are not traced.</summary>
public sealed class TraceTests
{
    private const string Job = """
        {"id":"trace","orgId":"o1","pipeline":[
          {"op":"threshold","input":"turbine::ActivePower","threshold":"[0,1500]"},
          {"op":"template","template":"time-window-aggregation","settings":{"window":"1h"},
           "policies":[{"input":"turbine::ActivePower","aggregation":"avg","output":"turbine::P_1H"}]}]}
        """;

    private const long Day = 1514764800000;

    [Fact]
    public void ShouldTraceEachStepOfTheTracedAssetOnly()
    {
        var job = EngineFactory.Create(TextWriter.Null).Compile(Job, new ProblemList())!;
        var log = new TraceLog(TraceFilter.Parse("T1"));
        var lane = new JobInstance(job, new NullSink(), new FixedClock()) { TraceLog = log };
        lane.Open();
        lane.Process(Power("T1", Day, 1000));
        lane.Process(Power("T2", Day, 1000));
        lane.Process(Power("T1", Day + 600_000, 1612.4));
        lane.Process(Power("T1", Day + 3_600_000, 1200));
        lane.Process(Power("T1", Day + 1_800_000, 900));

        var lines = log.Events.Select(e => $"{DateTimeOffset.FromUnixTimeMilliseconds(e.Time).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)} {e.Value} #{e.Step} {e.Operator} {e.Kind} {e.Detail}".TrimEnd()).ToArray();
        Assert.Equal(
            [
                "2018-01-01T00:00:00Z 1000 #0 threshold Passed",
                "2018-01-01T00:00:00Z 1000 #1 time-window-aggregation Passed",
                "2018-01-01T00:00:00Z 1000 #1 time-window-aggregation State window 2018-01-01T00:00:00Z–2018-01-01T01:00:00Z of turbine::P_1H: 1 value, avg so far 1000",
                "2018-01-01T00:10:00Z 1612.4 #0 threshold Filtered filtered.threshold: 1612.4 outside [0,1500]",
                "2018-01-01T01:00:00Z 1200 #0 threshold Passed",
                "2018-01-01T01:00:00Z 1200 #1 time-window-aggregation Passed",
                "2018-01-01T01:00:00Z 1200 #1 time-window-aggregation State window 2018-01-01T01:00:00Z–2018-01-01T02:00:00Z of turbine::P_1H: 1 value, avg so far 1200",
                "2018-01-01T01:00:00Z 1200 #1 time-window-aggregation Output turbine::P_1H @ 2018-01-01T00:00:00Z = 1000 (OnTime)",
                "2018-01-01T00:30:00Z 900 #0 threshold Late older than the watermark, taken",
                "2018-01-01T00:30:00Z 900 #1 time-window-aggregation TooLate tooLate",
            ],
            lines);
        Assert.Equal(Day + 3_600_000, log.Events[^1].Watermark);
    }

    private static PointRecord Power(string asset, long time, double kw) => new()
    {
        OrgId = "o1", ModelId = "turbine", AssetId = asset, PointId = "ActivePower", Time = time, Value = PointValue.FromNumber(kw),
    };

    private sealed class FixedClock : IClock
    {
        public long NowMs => 1_800_000_000_000;
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
