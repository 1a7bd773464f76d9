using Calc.Sdk;
using Calc.Sdk.Testing;

namespace Calc.Templates.Windows.Tests;

/// <summary>The job summary counts records, not policies: read = processed + filtered, each record once.</summary>
public sealed class RecordCountTests
{
    private const long Minute = 60_000;

    private static readonly IOperatorFactory Windows = PluginFactories.Get(new WindowsPlugin(), "time-window-aggregation");

    [Fact]
    public void ShouldCountALateRecordOnceWhenTwoPoliciesLeaveItOut()
    {
        var driver = TwoPolicies("""{"input":"m::P","aggregation":"sum","output":"m::S"}""");
        driver.Send("m::P", "A", 1 * Minute, 1);
        driver.Send("m::P", "A", 12 * Minute, 2);
        driver.Send("m::P", "A", 2 * Minute, 3);

        Assert.Equal(2, driver.Counters["tooLate"]);
        Assert.Equal(1, Assert.Single(driver.FilteredBy).Value);
        Assert.Equal("tooLate", driver.FilteredBy.Keys.Single());
        Assert.Equal(2, driver.Processed);
    }

    [Fact]
    public void ShouldCountARecordOnePolicyUsesAsProcessed()
    {
        // The second policy's threshold leaves 50 out; the first uses it: the record is processed.
        var driver = TwoPolicies("""{"input":"m::P","threshold":"[0,10]","aggregation":"max","output":"m::M"}""");
        driver.Send("m::P", "A", 1 * Minute, 50);
        driver.Send("m::P", "A", 2 * Minute, 5);
        driver.Send("m::P", "A", 3 * Minute, -1); // outside the second policy's threshold too; the first has none
        driver.EndOfInput();

        Assert.Equal(2, driver.Counters["filtered.threshold"]);
        Assert.Equal(3, driver.Processed);
        Assert.Empty(driver.FilteredBy);
    }

    [Fact]
    public void ShouldCountARecordHeldForALinearRepairWhenItIsReleased()
    {
        var driver = new OperatorTestDriver(Windows, """
            {"settings":{"window":"1h"},
             "policies":[{"input":"m::P","threshold":"(0,+inf)","interpolation":"linear","maxGap":"15m","aggregation":"avg","output":"m::P_1H"},
                         {"input":"m::P","threshold":"(0,+inf)","aggregation":"count","output":"m::N"}]}
            """);
        driver.Send("m::P", "A", 0, 10);
        driver.Send("m::P", "A", 10 * Minute, 0); // held by the first policy, left out by the second
        Assert.Equal((1L, 1), (driver.Processed, driver.Held));

        driver.Send("m::P", "A", 40 * Minute, 40); // 30 minutes after 10: too far to bridge, released invalid
        Assert.Equal((2L, 0), (driver.Processed, driver.Held));
        Assert.Equal(1, driver.FilteredBy["filtered.threshold"]);
        Assert.Equal(1, driver.Counters["filtered.maxGap"]);

        driver.Send("m::P", "A", 45 * Minute, 0); // held again; repaired by 50 @00:50
        driver.Send("m::P", "A", 50 * Minute, 50);
        driver.EndOfInput();
        Assert.Equal((4L, 0), (driver.Processed, driver.Held));
        Assert.Equal(5, driver.Processed + driver.FilteredBy.Values.Sum());
    }

    private static OperatorTestDriver TwoPolicies(string second) => new(Windows, $$"""
        {"settings":{"window":"10m"},"policies":[{"input":"m::P","aggregation":"count","output":"m::N"},{{second}}]}
        """);
}
