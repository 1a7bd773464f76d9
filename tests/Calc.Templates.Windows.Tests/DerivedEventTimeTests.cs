using Calc.Sdk;
using Calc.Sdk.Testing;

namespace Calc.Templates.Windows.Tests;

/// <summary>
/// Records a step releases or emits are judged as if they had arrived in event-time order with the record
/// that caused them: a linear repair completed by the next valid value, an upstream template's window.
/// </summary>
public sealed class DerivedEventTimeTests
{
    private const long Minute = 60_000;
    private const long Hour = 60 * Minute;
    private const long Day = 24 * Hour;

    private static readonly IOperatorFactory Windows = PluginFactories.Get(new WindowsPlugin(), "time-window-aggregation");

    [Theory]
    [InlineData("0s")]
    [InlineData("30m")]
    public void ShouldPutTheValuesALinearRepairReleasesIntoTheWindowTheReleasingRecordCloses(string latency)
    {
        var driver = new OperatorTestDriver(Windows, $$"""
            {"settings":{"window":"1h","latency":"{{latency}}"},
             "policies":[{"input":"m::P","threshold":"(0,+inf)","interpolation":"linear","maxGap":"40m","aggregation":"avg","output":"m::P_1H"}]}
            """);

        Send(driver, (7 * Hour) + (30 * Minute), 10);
        Send(driver, (7 * Hour) + (40 * Minute), 0);
        Send(driver, (7 * Hour) + (50 * Minute), 0);
        Send(driver, 8 * Hour, 40);

        // 07:40 and 07:50 are interpolated between 10 @07:30 and 40 @08:00: 20 and 30; the window's average is 20,
        // emitted once, on time — no late re-emission is needed for data that arrived in order.
        var window = Assert.Single(driver.Outputs);
        Assert.Equal((7 * Hour, 20.0, CalMode.OnTime), (window.Time, window.Value.Number, window.CalMode));
        Assert.False(driver.Counters.ContainsKey("tooLate"));
        Assert.Equal(2, driver.Counters["repaired.linear"]);
        Assert.Equal(4, driver.Processed);
        Assert.Empty(driver.FilteredBy);
    }

    [Fact]
    public void ShouldKeepTheUpstreamTemplatesLastWindowInTheDownstreamTemplatesDay()
    {
        var driver = OperatorTestDriver.ForJob([Windows], """
            {"id":"p","orgId":"o1","pipeline":[
              {"op":"template","template":"time-window-aggregation","settings":{"window":"1h"},
               "policies":[{"input":"m::P","aggregation":"avg","output":"m::P_1H"}]},
              {"op":"template","template":"time-window-aggregation","settings":{"window":"1d"},
               "policies":[{"input":"m::P_1H","aggregation":"sum","output":"m::P_1D"}]}]}
            """);

        Send(driver, (22 * Hour) + (30 * Minute), 1);
        Send(driver, (23 * Hour) + (30 * Minute), 2);
        Send(driver, Day + (30 * Minute), 4);

        // The 23:00 hour (2) is emitted when 00:30 closes it, before 00:30 reaches the daily step and closes day 0.
        var day = Assert.Single(driver.Outputs, o => o.PointId == "P_1D");
        Assert.Equal((0L, 3.0, CalMode.OnTime), (day.Time, day.Value.Number, day.CalMode));
        Assert.False(driver.Counters.ContainsKey("tooLate"));
        Assert.Equal(3, driver.Processed);

        driver.EndOfInput();
        Assert.Equal([(0L, 3.0), (Day, 4.0)], driver.Outputs.Where(o => o.PointId == "P_1D").Select(o => (o.Time, o.Value.Number)).ToList());
    }

    [Fact]
    public void ShouldPassARepairOfAThresholdStepToTheNextTemplateBeforeTheRecordThatReleasedIt()
    {
        var driver = OperatorTestDriver.ForJob([Windows], """
            {"id":"p","orgId":"o1","pipeline":[
              {"op":"threshold","input":"m::P","threshold":"(0,+inf)","interpolation":"linear","maxGap":"40m"},
              {"op":"template","template":"time-window-aggregation","settings":{"window":"1h"},
               "policies":[{"input":"m::P","aggregation":"avg","output":"m::P_1H"}]}]}
            """);

        Send(driver, (7 * Hour) + (30 * Minute), 10);
        Send(driver, (7 * Hour) + (40 * Minute), 0);
        Send(driver, (7 * Hour) + (50 * Minute), 0);
        Send(driver, 8 * Hour, 40);

        var window = Assert.Single(driver.Outputs);
        Assert.Equal((7 * Hour, 20.0, CalMode.OnTime), (window.Time, window.Value.Number, window.CalMode));
        Assert.False(driver.Counters.ContainsKey("tooLate"));
    }

    [Fact]
    public void ShouldStillCloseWindowsWithRecordsAnEarlierStepDropped()
    {
        // The select drops q, but q @00:20 still moves the window step's event time: the 00:00 window of p closes.
        var driver = OperatorTestDriver.ForJob([Windows], """
            {"id":"p","orgId":"o1","pipeline":[
              {"op":"select","points":["m::P"]},
              {"op":"template","template":"time-window-aggregation","settings":{"window":"10m"},
               "policies":[{"input":"m::P","aggregation":"sum","output":"m::P_10M"}]}]}
            """);

        Send(driver, 1 * Minute, 5);
        driver.Send("m::q", "A", 20 * Minute, 1);

        var window = Assert.Single(driver.Outputs);
        Assert.Equal((0L, 5.0, CalMode.OnTime), (window.Time, window.Value.Number, window.CalMode));
        Assert.Equal(1, driver.FilteredBy["filtered.select"]);
        Assert.Equal(1, driver.Processed);
    }

    [Fact]
    public void ShouldGiveTheSameOutputsAfterARestartBetweenTheSteps()
    {
        const string Job = """
            {"id":"p","orgId":"o1","pipeline":[
              {"op":"template","template":"time-window-aggregation","settings":{"window":"1h"},
               "policies":[{"input":"m::P","aggregation":"avg","output":"m::P_1H"}]},
              {"op":"template","template":"time-window-aggregation","settings":{"window":"1d"},
               "policies":[{"input":"m::P_1H","aggregation":"sum","output":"m::P_1D"}]}]}
            """;
        var first = OperatorTestDriver.ForJob([Windows], Job);
        Send(first, (22 * Hour) + (30 * Minute), 1);
        Send(first, (23 * Hour) + (30 * Minute), 2);

        var second = first.Restart();
        Send(second, Day + (30 * Minute), 4);

        var day = Assert.Single(second.Outputs, o => o.PointId == "P_1D");
        Assert.Equal((0L, 3.0, CalMode.OnTime), (day.Time, day.Value.Number, day.CalMode));
        Assert.Contains("\"A\":[", first.Checkpoint(), StringComparison.Ordinal);
    }

    private static void Send(OperatorTestDriver driver, long time, double value) => driver.Send("m::P", "A", time, value);
}
