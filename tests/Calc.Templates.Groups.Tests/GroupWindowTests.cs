using Calc.Sdk;
using static Calc.Templates.Groups.Tests.Groups;

namespace Calc.Templates.Groups.Tests;

public sealed class GroupWindowTests
{
    [Fact]
    public void ShouldSumTheMembersAveragesIntoTheGroupsAssetOnceEveryMemberPassedTheEnd()
    {
        var driver = Driver("\"groupBy\":\"parent\",\"window\":\"10ms\"", Policy());
        driver.Send("inverter::P", "INV01", 0, 10);
        driver.Send("inverter::P", "INV01", 5, 20);
        driver.Send("inverter::P", "INV02", 1, 30);
        driver.Send("inverter::P", "INV01", 12, 1);

        Assert.Empty(driver.Outputs); // INV02 is still inside the window

        driver.Send("inverter::P", "INV02", 10, 2);

        var output = Assert.Single(driver.Outputs);
        Assert.Equal(("PLANT1", 0L, 15.0 + 30.0, CalMode.OnTime, 2L), Row(output));
        Assert.Equal(("o1", "plant", "P_SUM"), (output.OrgId, output.ModelId, output.PointId));
    }

    [Fact]
    public void ShouldKeepGroupsApartAndFlushOpenWindowsAsFinalAtEndOfInput()
    {
        var driver = Driver("\"groupBy\":\"parent\",\"window\":\"10ms\"", Policy("max", "sum"));
        driver.Send("inverter::P", "INV01", 1, 4);
        driver.Send("inverter::P", "INV04", 2, 7);
        driver.Send("inverter::P", "INV03", 3, 5);
        driver.EndOfInput();

        Assert.Equal(
            [("PLANT1", 0L, 9.0, CalMode.Final, 2L), ("PLANT2", 0L, 7.0, CalMode.Final, 1L)],
            driver.Outputs.Select(Row).OrderBy(r => r.Item1));
    }

    [Fact]
    public void ShouldPutARecordInEveryHoppingWindowThatHoldsIt()
    {
        // window 10, slide 5: windows [-5,5), [0,10), [5,15), [10,20)
        var driver = Driver("\"groupBy\":\"parent\",\"window\":\"10ms\",\"slide\":\"5ms\"", Policy("sum", "sum"));
        driver.Send("inverter::P", "INV01", 2, 1);   // [-5,5) [0,10)
        driver.Send("inverter::P", "INV02", 7, 10);  // [0,10) [5,15)
        driver.Send("inverter::P", "INV01", 12, 100); // [5,15) [10,20); INV01 past 5 and 10, not 15
        driver.Send("inverter::P", "INV02", 15, 1000); // INV02 past 5, 10 and 15; [10,20) [15,25)
        driver.EndOfInput();

        var final = Final(driver.Outputs);
        Assert.Equal(1.0, final[("PLANT1", -5)]);
        Assert.Equal(11.0, final[("PLANT1", 0)]);
        Assert.Equal(110.0, final[("PLANT1", 5)]);
        Assert.Equal(1100.0, final[("PLANT1", 10)]);
        Assert.Equal(1000.0, final[("PLANT1", 15)]);
        Assert.Equal(
            [(-5L, CalMode.OnTime), (0L, CalMode.OnTime), (5L, CalMode.Final), (10L, CalMode.Final), (15L, CalMode.Final)],
            driver.Outputs.Select(o => (o.Time, o.CalMode)));
    }

    [Theory]
    [ClassData(typeof(AggregationCases))]
    public void ShouldAggregateEachMemberThenTheMembers(string member, string group, double expected)
    {
        // INV01: 4 then 2 (time 1, 3); INV02: 10, then 10 again at the same time (tie), then 6; INV03: 7 (invalid, above threshold) only.
        var driver = Driver("\"groupBy\":\"parent\",\"window\":\"10ms\"", Policy(member, group, ",\"threshold\":\"[0,50]\""));
        driver.Send("inverter::P", "INV01", 1, 4);
        driver.Send("inverter::P", "INV02", 2, 10);
        driver.Send("inverter::P", "INV02", 2, 11);
        driver.Send("inverter::P", "INV01", 3, 2);
        driver.Send("inverter::P", "INV02", 5, 6);
        driver.Send("inverter::P", "INV03", 4, 70);
        driver.EndOfInput();

        var output = Assert.Single(driver.Outputs);
        Assert.Equal(expected, output.Value.Number, 12);
        Assert.Equal(2, Members(output)); // INV03 has no valid value: it does not count
    }

    [Fact]
    public void ShouldWriteDayWindowsFromLocalMidnightAcrossADstChange()
    {
        // Europe/Berlin, 2020-03-29 has 23 hours: it starts 2020-03-28T23:00Z and ends 2020-03-29T22:00Z.
        var driver = Driver("\"groupBy\":\"parent\",\"window\":\"1d\",\"timeZone\":\"Europe/Berlin\"", Policy("sum", "sum"));
        var dayStart = DateTimeOffset.Parse("2020-03-28T23:00:00Z").ToUnixTimeMilliseconds();
        var nextDay = DateTimeOffset.Parse("2020-03-29T22:00:00Z").ToUnixTimeMilliseconds();
        driver.Send("inverter::P", "INV01", dayStart, 1);              // 00:00 local
        driver.Send("inverter::P", "INV02", nextDay - 1, 2);           // 23:59:59.999 local (CEST)
        driver.Send("inverter::P", "INV01", nextDay, 4);               // 00:00 the next day
        driver.Send("inverter::P", "INV02", nextDay + 3_600_000, 8);

        var day = Assert.Single(driver.Outputs);
        Assert.Equal(("PLANT1", dayStart, 3.0, CalMode.OnTime, 2L), Row(day));
        driver.EndOfInput();
        Assert.Equal((nextDay, 12.0), (driver.Outputs[^1].Time, driver.Outputs[^1].Value.Number));
    }

    [Fact]
    public void ShouldKeepShortWindowsOnTheEpochWhenATimeZoneIsGiven()
    {
        var driver = Driver("\"groupBy\":\"parent\",\"window\":\"1h\",\"timeZone\":\"Asia/Kolkata\"", Policy("sum", "sum"));
        driver.Send("inverter::P", "INV01", 3_600_000 + 5, 1);
        driver.EndOfInput();

        Assert.Equal(3_600_000, Assert.Single(driver.Outputs).Time);
    }

    [Fact]
    public void ShouldGroupByAnAttributeFromTheDirectoryElseFromTheRecord()
    {
        var assets = Plant();
        assets.Set("INV01", "siteId", PointValue.FromString("north"));
        var driver = Driver("\"groupBy\":{\"attribute\":\"siteId\"},\"window\":\"10ms\"", Policy("sum", "count"), assets);
        driver.Send("inverter::P", "INV01", 1, PointValue.FromNumber(1), attr: PointAttributes.Parse("{\"siteId\":\"south\"}"));
        driver.Send("inverter::P", "INV02", 1, PointValue.FromNumber(1), attr: PointAttributes.Parse("{\"siteId\":\"north\"}"));
        driver.Send("inverter::P", "INV03", 1, 1);
        driver.Send("inverter::P", "INV03", 2, 1);
        driver.EndOfInput();

        var output = Assert.Single(driver.Outputs);
        Assert.Equal(("north", 2.0, 2L), (output.AssetId, output.Value.Number, Members(output)));
        Assert.Equal(2, driver.Counters["filtered.noGroup"]);
    }

    [Fact]
    public void ShouldCountARecordWithoutGroupOnceEvenWhenTwoPoliciesReadIt()
    {
        var driver = new Calc.Sdk.Testing.OperatorTestDriver(Factory,
            "{\"settings\":{\"groupModel\":\"plant\",\"groupBy\":\"parent\",\"window\":\"10ms\"},\"policies\":["
            + Policy("sum", "sum") + "," + Policy("max", "max").Replace("P_SUM", "P_MAX", StringComparison.Ordinal) + "]}",
            new Calc.Sdk.Testing.DriverOptions { Assets = Plant() });
        driver.Send("inverter::P", "ORPHAN", 1, 5);
        driver.Send("inverter::P", "INV01", 1, 5);
        driver.Send("inverter::Q", "ORPHAN", 1, 5); // not an input point: not filtered by the group rule
        driver.EndOfInput();

        Assert.Equal(1, driver.Counters["filtered.noGroup"]);
        Assert.Equal(["P_MAX", "P_SUM"], driver.Outputs.Select(o => o.PointId).Order());
    }

    [Fact]
    public void ShouldNeverMixOrgs()
    {
        var driver = Driver("\"groupBy\":\"parent\",\"window\":\"10ms\"", Policy("sum", "sum"));
        driver.Send(new PointRecord { OrgId = "o2", ModelId = "inverter", AssetId = "INV02", PointId = "P", Time = 1, Value = PointValue.FromNumber(100) });
        driver.Send("inverter::P", "INV01", 1, 1);
        driver.EndOfInput();

        var output = Assert.Single(driver.Outputs);
        Assert.Equal(("o1", 1.0, 1L), (output.OrgId, output.Value.Number, Members(output)));
    }

    [Fact]
    public void ShouldReportEveryProblemWithItsPath()
    {
        var problems = Assert.Throws<Calc.Sdk.Testing.InvalidConfigurationException>(() => new Calc.Sdk.Testing.OperatorTestDriver(Factory,
            "{\"settings\":{\"groupBy\":\"site\",\"window\":\"0s\",\"timeZone\":\"Mars/Base\"},\"policies\":[{\"input\":\"inverter::P\",\"memberAggregation\":\"median\",\"groupAggregation\":\"sum\",\"output\":\"site::P\"}]}"));

        var paths = problems.Problems.Select(p => p.Path).ToList();
        Assert.Contains("settings.groupBy", paths);
        Assert.Contains("settings.window", paths);
        Assert.Contains("settings.timeZone", paths);
        Assert.Contains("settings.groupModel", paths);
        Assert.Contains("policies[0].memberAggregation", paths);
    }
}
