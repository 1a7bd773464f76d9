using Calc.Sdk;
using Calc.Sdk.Testing;
using static Calc.Templates.Groups.Tests.Groups;

namespace Calc.Templates.Groups.Tests;

public sealed class GroupEventTimeTests
{
    [Fact]
    public void ShouldReEmitLateWhenAMemberChangesWithinItsLatencyAndCountLaterRecordsTooLate()
    {
        var driver = Driver("\"groupBy\":\"parent\",\"window\":\"10ms\",\"latency\":\"5ms\"", Policy("sum", "sum"));
        driver.Send("inverter::P", "INV01", 1, 1);
        driver.Send("inverter::P", "INV02", 2, 2);
        driver.Send("inverter::P", "INV01", 11, 0);
        driver.Send("inverter::P", "INV02", 12, 0);
        Assert.Equal(("PLANT1", 0L, 3.0, CalMode.OnTime, 2L), Row(Assert.Single(driver.Outputs)));

        driver.Send("inverter::P", "INV02", 9, 10); // INV02 at 12 < 10 + 5: within its latency
        Assert.Equal(("PLANT1", 0L, 13.0, CalMode.Late, 2L), Row(driver.Outputs[^1]));

        driver.Send("inverter::P", "INV01", 16, 0); // INV01 at 16 >= 10 + 5
        driver.Send("inverter::P", "INV01", 8, 100);
        Assert.Equal(1, driver.Counters["tooLate"]);
        Assert.Equal(13.0, Final(driver.Outputs)[("PLANT1", 0)]);
    }

    [Fact]
    public void ShouldNotReEmitWhenALateRecordLeavesTheMembersValueUnchanged()
    {
        var driver = Driver("\"groupBy\":\"parent\",\"window\":\"10ms\",\"latency\":\"5ms\"", Policy("max", "sum"));
        driver.Send("inverter::P", "INV01", 1, 5);
        driver.Send("inverter::P", "INV01", 11, 0);
        driver.Send("inverter::P", "INV01", 3, 4); // max stays 5

        Assert.Single(driver.Outputs, o => o.Time == 0);
    }

    [Fact]
    public void ShouldStopWaitingForAMemberFarBehindAndCountItsLaterRecordsForThatWindowTooLate()
    {
        var driver = Driver("\"groupBy\":\"parent\",\"window\":\"10ms\",\"maxMemberLag\":\"20ms\",\"latency\":\"100ms\"", Policy("sum", "sum"));
        driver.Send("inverter::P", "INV01", 1, 1);
        driver.Send("inverter::P", "INV02", 2, 2);
        driver.Send("inverter::P", "INV01", 29, 0);
        Assert.Empty(driver.Outputs); // 29 < 10 + 20

        driver.Send("inverter::P", "INV01", 30, 0); // the most advanced member is at 10 + 20
        Assert.Equal(("PLANT1", 0L, 3.0, CalMode.OnTime, 2L), Row(Assert.Single(driver.Outputs, o => o.Time == 0)));

        driver.Send("inverter::P", "INV02", 5, 50); // INV02 was left out of [0,10): too late despite latency
        Assert.Equal(1, driver.Counters["tooLate"]);
        Assert.Equal(3.0, Final(driver.Outputs)[("PLANT1", 0)]);

        // [20,30) holds INV01's 0 at 29; INV02 (at 5) is left out of it too once INV01 reaches 30 + 20.
        driver.Send("inverter::P", "INV01", 49, 0);
        Assert.DoesNotContain(driver.Outputs, o => o.Time == 20);
        driver.Send("inverter::P", "INV01", 50, 0);
        Assert.Equal(1L, Members(driver.Outputs.Single(o => o.Time == 20)));
    }

    [Fact]
    public void ShouldWaitForEveryMemberWithoutMaxMemberLag()
    {
        var driver = Driver("\"groupBy\":\"parent\",\"window\":\"10ms\"", Policy("sum", "sum"));
        driver.Send("inverter::P", "INV01", 1, 1);
        driver.Send("inverter::P", "INV02", 2, 2);
        driver.Send("inverter::P", "INV01", 100_000, 0);

        Assert.Empty(driver.Outputs);
    }

    [Fact]
    public void ShouldLeaveAnIdleMemberOutOnTheWallClockUntilItSendsAgain()
    {
        var driver = Driver("\"groupBy\":\"parent\",\"window\":\"10ms\",\"latency\":\"50ms\"", Policy("sum", "sum"), idleTimeoutMs: 1_000);
        driver.Send("inverter::P", "INV01", 1, 1);
        driver.Send("inverter::P", "INV02", 2, 2);
        driver.AdvanceClock(600);
        driver.Send("inverter::P", "INV01", 12, 4);
        Assert.Empty(driver.Outputs);

        driver.AdvanceClock(500); // INV02 silent for 1100 ms: idle after idleTimeout + latency (1000 + 50)
        Assert.Equal(("PLANT1", 0L, 3.0, CalMode.OnTime, 2L), Row(Assert.Single(driver.Outputs)));

        driver.Send("inverter::P", "INV02", 8, 10); // it sends again: a late change within its latency
        Assert.Equal(("PLANT1", 0L, 13.0, CalMode.Late, 2L), Row(driver.Outputs[^1]));
        driver.Send("inverter::P", "INV01", 25, 0); // INV02 (at 8) holds [10,20) again
        Assert.DoesNotContain(driver.Outputs, o => o.Time == 10);
    }

    [Fact]
    public void ShouldHoldTheGroupWhileAMembersValueWaitsForLinearInterpolation()
    {
        var driver = Driver("\"groupBy\":\"parent\",\"window\":\"10ms\"", Policy("sum", "sum", ",\"threshold\":\"[0,100]\",\"interpolation\":\"linear\""));
        driver.Send("inverter::P", "INV01", 0, 10);
        driver.Send("inverter::P", "INV01", 8, 500); // invalid: waits for the next valid value
        driver.Send("inverter::P", "INV02", 11, 1);  // INV02 passed 10; INV01's watermark is 8
        driver.Send("inverter::P", "INV01", 12, 30); // releases 8 as 10 + (30 - 10) * 8 / 12
        var output = Assert.Single(driver.Outputs);
        Assert.Equal(("PLANT1", 0L, CalMode.OnTime, 1L), (output.AssetId, output.Time, output.CalMode, Members(output)));
        Assert.Equal(10 + (10 + (20.0 * 8 / 12)), output.Value.Number, 12);
    }

    [Fact]
    public void ShouldGiveTheSameFinalValuesWhateverOrderTheMembersArriveIn()
    {
        var records = new List<(string Asset, long Time, double Value)>();
        for (var t = 0; t < 100; t += 3)
        {
            records.Add(("INV01", t, t));
            records.Add(("INV02", t + 1, 2 * t));
            records.Add(("INV03", t + 2, 1000 - t));
        }

        Dictionary<(string, long), double> Run(IEnumerable<(string Asset, long Time, double Value)> order)
        {
            var driver = Driver("\"groupBy\":\"parent\",\"window\":\"10ms\"", Policy("avg", "sum"));
            foreach (var (asset, time, value) in order)
            {
                driver.Send("inverter::P", asset, time, value);
            }

            driver.EndOfInput();
            Assert.False(driver.Counters.ContainsKey("tooLate"));
            return Final(driver.Outputs);
        }

        var interleaved = Run(records);
        var byAsset = Run(records.OrderBy(r => r.Asset, StringComparer.Ordinal).ThenBy(r => r.Time));
        var reversedAssets = Run(records.OrderByDescending(r => r.Asset, StringComparer.Ordinal).ThenBy(r => r.Time));

        Assert.Equal(11, interleaved.Count);
        foreach (var (key, value) in interleaved)
        {
            Assert.Equal(value, byAsset[key], 9);
            Assert.Equal(value, reversedAssets[key], 9);
        }

        // [0,10): INV01 avg(0,3,6,9) = 4.5, INV02 avg(0,6,12) = 6, INV03 avg(1000,997,994) = 997
        Assert.Equal(4.5 + 6 + 997, interleaved[("PLANT1", 0)], 9);
    }
}
