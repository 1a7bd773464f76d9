using Calc.Sdk.Testing;

namespace Calc.Templates.Energy.Tests;

public sealed class PowerTests
{
    internal static string Config(string settings, string policy) =>
        $"{{'settings':{settings},'policies':[{{'input':'inv::P',{policy}}}]}}";

    [Theory]
    [ClassData(typeof(PowerCases))]
    public void ShouldIntegratePowerPerSpec(string template, string settings, string policy, string samples, string expected, string counters)
    {
        var driver = Script.Driver(EnergyTemplates.ById(template), Config(settings, policy));
        Script.Send(driver, "inv::P", "I1", samples);
        driver.EndOfInput();
        Script.AssertOutputs(expected, driver.Outputs);
        Script.AssertCounters(counters, driver.Counters);
    }

    [Theory]
    [InlineData("energy-by-instant-power", "Europe/Berlin", "2020-03-28T23:00Z", 23)]
    [InlineData("energy-by-instant-power", "Europe/Berlin", "2020-10-24T22:00Z", 25)]
    [InlineData("energy-by-average-power", "Europe/Berlin", "2020-03-28T23:00Z", 23)]
    [InlineData("energy-by-average-power", "Europe/Berlin", "2020-10-24T22:00Z", 25)]
    [InlineData("energy-by-instant-power", "America/Santiago", "2020-09-06T04:00Z", 23)] // midnight skipped: the day starts at 01:00 -03
    [InlineData("energy-by-instant-power", "America/Havana", "2020-11-01T04:00Z", 25)] // midnight happens twice: the first one
    public void ShouldGiveOneKilowattHourPerHourOfTheLocalDay(string template, string zone, string localMidnightUtc, int hours)
    {
        // Constant 1 kW sampled every 15 minutes from 3 h before the day to 3 h after it.
        var driver = Script.Driver(EnergyTemplates.ById(template), Config($"{{'timeZone':'{zone}'}}", "'dailyOutput':'inv::E_DAY'"));
        var start = Script.Ms(localMidnightUtc);
        for (var t = start - (3 * 3_600_000L); t <= start + ((hours + 3) * 3_600_000L); t += 900_000)
        {
            driver.Send("inv::P", "I1", t, 1.0);
        }

        driver.EndOfInput();
        var days = Script.Final(driver.Outputs);
        Assert.Equal(hours, days[("E_DAY", start)], 9);
        Assert.Equal(3, days[("E_DAY", start + (hours * 3_600_000L))], 9);
        Assert.Equal(3, days.Count);
    }

    [Fact]
    public void ShouldEmitIntermediateBucketsFinalAndTheLastOneEarly()
    {
        var driver = Script.Driver(EnergyTemplates.InstantPower, Config("{'detailInterval':'15m'}", "'detailOutput':'inv::E_15M'"));

        // 0 → 40 kW over 40 min: the line is 15, 30 kW at 10:15, 10:30. Buckets: (0+15)/2×0.25 = 1.875,
        // (15+30)/2×0.25 = 5.625 (both complete: final), (30+40)/2×(10/60) = 5.8333 (10:30 bucket, early).
        Script.Send(driver, "inv::P", "I1", "2020-05-15T10:00Z=0; 2020-05-15T10:40Z=40");
        Assert.Equal(["Final 1.875", "Final 5.625", "Early 5.833333333"], driver.Outputs.Select(MeterReadingTests.Describe));
        Assert.Equal([Script.Ms("2020-05-15T10:00Z"), Script.Ms("2020-05-15T10:15Z"), Script.Ms("2020-05-15T10:30Z")], driver.Outputs.Select(o => o.Time));

        // An invalid sample in a later bucket still closes the open one (the span advances).
        Script.Send(driver, "inv::P", "I1", "2020-05-15T10:50Z=bad");
        Assert.Equal("Final 5.833333333", MeterReadingTests.Describe(driver.Outputs[^1]));
        Assert.Equal(4, driver.Outputs.Count);
    }

    [Fact]
    public void ShouldReadTheScaleFromAnAttribute()
    {
        var options = MeterReadingTests.WithAttributes("");
        options.Assets.Set("I1", "unit", Calc.Sdk.PointValue.FromNumber(0.001));
        var driver = new OperatorTestDriver(EnergyTemplates.AveragePower, Script.Json(Config("{}", "'scale':{'attribute':'unit'},'dailyOutput':'inv::E_DAY'")), options);

        // 5000 W × 2 h × 0.001 = 10 kWh for I1; I2 has no attribute: scale 1, 5000 × 2 = 10000.
        Script.Send(driver, "inv::P", "I1", "2020-05-15T10:00Z=5000; 2020-05-15T12:00Z=5000");
        Script.Send(driver, "inv::P", "I2", "2020-05-15T10:00Z=5000; 2020-05-15T12:00Z=5000");
        driver.EndOfInput();

        var byAsset = driver.Outputs.GroupBy(o => o.AssetId).ToDictionary(g => g.Key, g => g.Last().Value.Number);
        Assert.Equal(10, byAsset["I1"], 9);
        Assert.Equal(10_000, byAsset["I2"], 9);
    }
}
