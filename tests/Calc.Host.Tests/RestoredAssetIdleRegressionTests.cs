using System.Text.Json;
using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Host.Tests;

/// <summary>
/// Regression (found by the state crash test): assets restored from a checkpoint had no wall-clock
/// arrival time, so the first Tick after a restart counted them as silent since the epoch and closed
/// their open windows and energy buckets as final before the records after the checkpoint were read
/// again — each day's last energy segment was lost.
/// </summary>
public sealed class RestoredAssetIdleRegressionTests
{
    private const string Job = """
        {"id":"idle-restore","orgId":"o1","pipeline":[
          {"op":"template","template":"time-window-aggregation","settings":{"window":"1h"},
           "policies":[{"input":"turbine::ActivePower","aggregation":"avg","output":"turbine::P_1H"}]},
          {"op":"template","template":"energy-by-instant-power","settings":{"timeZone":"UTC","detailInterval":"1h"},
           "policies":[{"input":"turbine::ActivePower","dailyOutput":"turbine::ENERGY_DAY","detailOutput":"turbine::ENERGY_1H"}]}]}
        """;

    private const long Day = 1514764800000;

    [Fact]
    public void ShouldKeepRestoredWindowsOpenUntilTheirAssetIsIdleAfterTheRestart()
    {
        var job = EngineFactory.Create(TextWriter.Null).Compile(Job, new ProblemList())!;
        var clock = new ManualClock(1_800_000_000_000);
        var before = new ListSink();
        var lane = new JobInstance(job, before, clock);
        lane.Open();
        for (var minute = 0; minute < 60; minute += 10)
        {
            lane.Process(Power(Day + (minute * 60_000L), 1000 + minute));
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            lane.WriteCheckpoint(writer);
        }

        var after = new ListSink();
        var restored = new JobInstance(job, after, clock);
        restored.Open();
        using (var state = JsonDocument.Parse(stream.ToArray()))
        {
            restored.RestoreCheckpoint(state.RootElement);
        }

        clock.NowMs += 1_000;
        restored.Tick();
        Assert.DoesNotContain(after.Records, r => r.CalMode == CalMode.Final);

        restored.Process(Power(Day + 3_600_000, 1060));
        var average = after.Records.Last(r => r.PointId == "P_1H" && r.Time == Day);
        Assert.Equal(1025, average.Value.Number, 9);
        // 00:00–01:00: trapezoids of 10 minutes between 1000, 1010, …, 1060 kW = 1030 kWh.
        var energy = after.Records.Last(r => r.PointId == "ENERGY_1H" && r.Time == Day);
        Assert.Equal(1030, energy.Value.Number, 9);

        clock.NowMs += 120_000;
        restored.Tick();
        Assert.Contains(after.Records, r => r.PointId == "P_1H" && r.Time == Day + 3_600_000);
    }

    private static PointRecord Power(long time, double kw) => new()
    {
        OrgId = "o1", ModelId = "turbine", AssetId = "T1", PointId = "ActivePower", Time = time, Value = PointValue.FromNumber(kw),
    };

    private sealed class ManualClock(long nowMs) : IClock
    {
        public long NowMs { get; set; } = nowMs;
    }

    private sealed class ListSink : IOutputSink
    {
        public List<PointRecord> Records { get; } = [];

        public void Write(in PointRecord record) => Records.Add(record);

        public void Flush()
        {
        }
    }
}
