namespace Calc.Templates.Merging.Tests;

/// <summary>SPEC §5.2, frequency trigger: every period of the wall clock, each asset with data, from latest values.</summary>
public class FrequencyTriggerTests
{
    [Fact]
    public void ShouldEvaluateEveryAssetWithData_AtEachTick_WithTheTickTimeFloored()
    {
        var options = new Calc.Sdk.Testing.DriverOptions { Clock = new Calc.Sdk.Testing.FakeClock(1_000_000) };
        var driver = Merging.Frequency("1m", """[{"output":"m::S","expression":"${m::A} + ${m::B}"}]""", options);
        driver.AdvanceClock(0);
        driver.Send("m::A", "a1", 1, 1);
        driver.Send("m::B", "a1", 2, 2);
        driver.Send("m::A", "a2", 3, 10);
        driver.Send("m::B", "a2", 4, 20);
        driver.AdvanceClock(20_000); // 1,020,000: the first tick is at 1,020,000 (the next minute)

        driver.Send("m::A", "a1", 5, 100);
        driver.AdvanceClock(60_000); // 1,080,000

        var values = Merging.Values(driver).OrderBy(v => v.Time).ThenBy(v => v.Asset).ToArray();
        Assert.Equal([("a1", "S", 1_020_000L, 3.0), ("a2", "S", 1_020_000L, 30.0), ("a1", "S", 1_080_000L, 102.0), ("a2", "S", 1_080_000L, 30.0)], values);
    }

    [Fact]
    public void ShouldNotEvaluate_BeforeTheFirstPeriodEnds()
    {
        var options = new Calc.Sdk.Testing.DriverOptions { Clock = new Calc.Sdk.Testing.FakeClock(1_000_000) };
        var driver = Merging.Frequency("1m", """[{"output":"m::S","expression":"${m::A} * 2"}]""", options);
        driver.AdvanceClock(0);
        driver.Send("m::A", "a1", 1, 4);
        driver.AdvanceClock(10_000);

        Assert.Empty(driver.Outputs);
    }
}
