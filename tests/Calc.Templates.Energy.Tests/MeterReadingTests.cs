using System.Globalization;
using Calc.Engine.Runtime;
using Calc.Sdk;
using Calc.Sdk.Testing;

namespace Calc.Templates.Energy.Tests;

public sealed class MeterReadingTests
{
    internal static string Config(string settings, string policy) =>
        $"{{'settings':{settings},'policies':[{{'input':'meter::E',{policy}}}]}}";

    internal static DriverOptions WithAttributes(string attributes)
    {
        var assets = new AssetDirectory();
        foreach (var item in attributes.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (name, text) = (item[..item.IndexOf('=')], item[(item.IndexOf('=') + 1)..]);
            assets.Set("M1", name, double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? PointValue.FromNumber(n) : PointValue.FromString(text));
        }

        return new DriverOptions { Assets = assets };
    }

    [Theory]
    [ClassData(typeof(MeterReadingCases))]
    public void ShouldComputeEnergyFromMeterReadingsPerSpec(string settings, string policy, string readings, string expected, string counters, string attributes)
    {
        var driver = Script.Driver(EnergyTemplates.MeterReading, Config(settings, policy), WithAttributes(attributes));
        Script.Send(driver, "meter::E", "M1", readings);
        driver.EndOfInput();
        Script.AssertOutputs(expected, driver.Outputs);
        Script.AssertCounters(counters, driver.Counters);
    }

    [Fact]
    public void ShouldEmitEarlyAsTheDayGrowsAndFinalWhenAReadingAtMidnightClosesIt()
    {
        var driver = Script.Driver(EnergyTemplates.MeterReading, Config("{}", "'dailyOutput':'meter::E_DAY'"));

        // 08→09: 1 (early), 09→10: 2 more (early 3), 10:00→00:00 ends exactly at the day's end: 4, final at once.
        Script.Send(driver, "meter::E", "M1", "2020-05-15T08:00Z=100; 2020-05-15T09:00Z=101; 2020-05-15T10:00Z=103; 2020-05-16T00:00Z=104; 2020-05-16T01:00Z=104");
        driver.EndOfInput();

        Assert.Equal(["Early 1", "Early 3", "Final 4"], driver.Outputs.Select(Describe));
        Assert.All(driver.Outputs, o => Assert.Equal(Script.Ms("2020-05-15T00:00Z"), o.Time));
    }

    [Fact]
    public void ShouldEmitFinalWhenAReadingInALaterDayArrivesEvenIfTheMeterIsFlat()
    {
        var driver = Script.Driver(EnergyTemplates.MeterReading, Config("{}", "'dailyOutput':'meter::E_DAY'"));
        Script.Send(driver, "meter::E", "M1", "2020-05-15T08:00Z=100; 2020-05-15T09:00Z=101");
        Assert.Equal(["Early 1"], driver.Outputs.Select(Describe));

        Script.Send(driver, "meter::E", "M1", "2020-05-16T01:00Z=101");
        Assert.Equal(["Early 1", "Final 1"], driver.Outputs.Select(Describe));

        driver.EndOfInput();
        Assert.Equal(2, driver.Outputs.Count);
    }

    [Fact]
    public void ShouldEmitFinalAtEndOfInputAndOnIdleButKeepTheBucketGrowingIfTheAssetResumes()
    {
        var driver = Script.Driver(EnergyTemplates.MeterReading, Config("{}", "'dailyOutput':'meter::E_DAY'"));
        Script.Send(driver, "meter::E", "M1", "2020-05-15T08:00Z=100; 2020-05-15T09:00Z=101");
        driver.AdvanceClock(120_000);

        // Idle close emits final 1; the asset resumes in the same day: 101→103 continues the day to 3.
        Script.Send(driver, "meter::E", "M1", "2020-05-15T10:00Z=103");
        driver.EndOfInput();

        Assert.Equal(["Early 1", "Final 1", "Early 3", "Final 3"], driver.Outputs.Select(Describe));
    }

    [Theory]
    [InlineData("2020-03-28T23:00Z", 23)]
    [InlineData("2020-10-24T22:00Z", 25)]
    public void ShouldCountTheHoursOfADstDayInBerlin(string localMidnightUtc, int hours)
    {
        // +1 kWh every hour from local midnight to the next local midnight: 23 on the spring day, 25 in autumn.
        var driver = Script.Driver(EnergyTemplates.MeterReading, Config("{'timeZone':'Europe/Berlin'}", "'dailyOutput':'meter::E_DAY'"));
        var start = Script.Ms(localMidnightUtc);
        for (var h = 0; h <= hours; h++)
        {
            driver.Send("meter::E", "M1", start + (h * 3_600_000L), 1000 + h);
        }

        driver.EndOfInput();
        Script.AssertOutputs($"E_DAY@{localMidnightUtc}={hours}", driver.Outputs);
    }

    internal static string Describe(PointRecord record) =>
        record.CalMode + " " + Math.Round(record.Value.Number, 9).ToString("R", CultureInfo.InvariantCulture);
}
