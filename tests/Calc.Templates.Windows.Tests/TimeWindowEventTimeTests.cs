using Calc.Sdk;
using Calc.Sdk.Testing;

namespace Calc.Templates.Windows.Tests;

public sealed class TimeWindowEventTimeTests
{
    private const long Minute = 60_000;

    [Fact]
    public void ShouldReEmitAWindowAsLateWithinLatencyAndCountLaterRecordsAsTooLate()
    {
        var driver = Driver("5m");
        driver.Send("m::p", "A", 1 * Minute, 1);
        driver.Send("m::p", "A", 11 * Minute, 5);

        var onTime = Assert.Single(driver.Outputs);
        Assert.Equal((0L, 1.0, CalMode.OnTime), (onTime.Time, onTime.Value.Number, onTime.CalMode));

        driver.Send("m::p", "A", 9 * Minute, 2);
        var late = driver.Outputs[^1];
        Assert.Equal((0L, 3.0, CalMode.Late), (late.Time, late.Value.Number, late.CalMode));

        driver.Send("m::p", "A", 16 * Minute, 1);
        driver.Send("m::p", "A", 8 * Minute, 100);

        Assert.Equal(1, driver.Counters["tooLate"]);
        Assert.Equal(3.0, driver.Outputs.Last(o => o.Time == 0).Value.Number);
    }

    [Fact]
    public void ShouldTrackProgressPerAssetSoASlowAssetIsNotLate()
    {
        var driver = Driver("0s");
        driver.Send("m::p", "FAST", 50 * Minute, 1);
        driver.Send("m::p", "SLOW", 1 * Minute, 7);
        driver.Send("m::p", "SLOW", 12 * Minute, 1);

        var slow = Assert.Single(driver.Outputs, o => o.AssetId == "SLOW");
        Assert.Equal((0L, 7.0), (slow.Time, slow.Value.Number));
        Assert.False(driver.Counters.ContainsKey("tooLate"));
    }

    [Fact]
    public void ShouldCloseTheLastWindowOfAnIdleAssetOnTheWallClock()
    {
        var driver = Driver("2m", idleTimeoutMs: 60_000);
        driver.Send("m::p", "A", 1 * Minute, 4);
        driver.AdvanceClock(2 * Minute);
        Assert.Empty(driver.Outputs);

        driver.AdvanceClock(1 * Minute + 1_000);

        var closed = Assert.Single(driver.Outputs);
        Assert.Equal((0L, 4.0, CalMode.Final), (closed.Time, closed.Value.Number, closed.CalMode));
    }

    [Fact]
    public void ShouldResumeFromACheckpointWithTheSameOutputsAsAnUninterruptedRun()
    {
        var values = new (long Time, double Value)[] { (1, 1), (4, 2), (9, 3), (12, 4), (14, 5), (21, 6), (26, 7), (33, 8) };
        var whole = Driver("0s");
        foreach (var (t, v) in values)
        {
            whole.Send("m::p", "A", t * Minute, v);
        }

        whole.EndOfInput();

        var first = Driver("0s");
        foreach (var (t, v) in values[..4])
        {
            first.Send("m::p", "A", t * Minute, v);
        }

        var second = first.Restart();
        foreach (var (t, v) in values[4..])
        {
            second.Send("m::p", "A", t * Minute, v);
        }

        second.EndOfInput();
        var resumed = first.Outputs.Concat(second.Outputs).Select(o => (o.Time, o.Value.Number)).ToList();
        Assert.Equal(whole.Outputs.Select(o => (o.Time, o.Value.Number)).ToList(), resumed);
    }

    [Fact]
    public void ShouldListEveryConfigurationProblem()
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => new OperatorTestDriver(
            PluginFactories.Get(new WindowsPlugin(), "time-window-aggregation"),
            """{"settings":{"window":"10m","slide":"20m"},"policies":[{"input":"m::p","aggregation":"mean","output":"p2"},{"aggregation":"sum","output":"m::q"}]}"""));

        Assert.Equal(
            ["settings.slide", "policies[0].output", "policies[0].aggregation", "policies[1].input"],
            error.Problems.Select(p => p.Path).ToList());
    }

    private static OperatorTestDriver Driver(string latency, long idleTimeoutMs = 60_000) => new(
        PluginFactories.Get(new WindowsPlugin(), "time-window-aggregation"),
        $$"""{"settings":{"window":"10m","latency":"{{latency}}"},"policies":[{"input":"m::p","aggregation":"sum","output":"m::p_sum"}]}""",
        new DriverOptions { IdleTimeoutMs = idleTimeoutMs });
}
