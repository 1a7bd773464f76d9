namespace Calc.Engine.Simulation.Tests;

public sealed class PvSimulationTests
{
    private static readonly List<Calc.Sdk.PointRecord> TenCleanDays = Sim.Run(Sim.Clean(inverters: 4), 10);

    [Fact]
    public void ShouldProduceNoPowerAtNight()
    {
        var night = TenCleanDays.Where(r => r.PointId is "AC_POWER" or "DC_POWER")
            .Where(r => Sim.LocalMinute(r.Time) < (5 * 60) + 30 || Sim.LocalMinute(r.Time) > 19 * 60)
            .ToList();

        Assert.NotEmpty(night);
        Assert.All(night, r => Assert.Equal(0, r.Value.Number));
    }

    [Fact]
    public void ShouldPeakNearLocalNoonOnAverage()
    {
        var byMinute = TenCleanDays.Where(r => r.PointId == "AC_POWER")
            .GroupBy(r => Sim.LocalMinute(r.Time))
            .ToDictionary(g => g.Key, g => g.Average(r => r.Value.Number));
        var peakMinute = byMinute.MaxBy(kv => kv.Value).Key;

        Assert.InRange(peakMinute, 11 * 60, 13 * 60 + 30);
        Assert.InRange(byMinute[peakMinute], 800, 1400);
        Assert.True(byMinute[8 * 60] < byMinute[peakMinute] * 0.6);
        Assert.True(byMinute[16 * 60 + 30] < byMinute[peakMinute] * 0.6);
    }

    [Fact]
    public void ShouldKeepDcPowerAboutTenTimesAcPowerAsTheRealPlant()
    {
        var ac = TenCleanDays.Where(r => r.PointId == "AC_POWER").ToList();
        var dc = TenCleanDays.Where(r => r.PointId == "DC_POWER").ToList();

        var ratios = ac.Zip(dc).Where(p => p.First.Value.Number > 100).Select(p => p.Second.Value.Number / p.First.Value.Number).ToList();

        Assert.NotEmpty(ratios);
        Assert.All(ratios, ratio => Assert.InRange(ratio, 9.6, 10.8));
    }

    [Fact]
    public void ShouldMakeDailyYieldTheTrapezoidIntegralOfAcPowerSinceLocalMidnight()
    {
        foreach (var asset in TenCleanDays.GroupBy(r => r.AssetId))
        {
            var ac = asset.Where(r => r.PointId == "AC_POWER").ToList();
            var daily = asset.Where(r => r.PointId == "DAILY_YIELD").ToList();
            var integral = 0.0;
            for (var i = 1; i < ac.Count; i++)
            {
                integral = Sim.LocalMinute(ac[i].Time) == 0
                    ? 0
                    : integral + ((ac[i - 1].Value.Number + ac[i].Value.Number) / 2 * 0.25);

                // Powers are reported to 3 decimals, so the integral of the reported values drifts by well under 0.03 kWh a day.
                Assert.InRange(daily[i].Value.Number - integral, -0.03, 0.03);
            }
        }
    }

    [Fact]
    public void ShouldResetDailyYieldAtLocalMidnightAndNeverDecreaseWithinADay()
    {
        foreach (var asset in TenCleanDays.Series("DAILY_YIELD"))
        {
            var values = asset.ToList();
            for (var i = 1; i < values.Count; i++)
            {
                if (Sim.LocalMinute(values[i].Time) == 0)
                {
                    Assert.Equal(0, values[i].Value.Number);
                    Assert.InRange(values[i - 1].Value.Number, 3000, 11000);
                }
                else
                {
                    Assert.True(values[i].Value.Number >= values[i - 1].Value.Number);
                }
            }
        }
    }

    [Fact]
    public void ShouldAdvanceTotalYieldByExactlyTheDailyYield()
    {
        foreach (var asset in TenCleanDays.GroupBy(r => r.AssetId))
        {
            var total = asset.Where(r => r.PointId == "TOTAL_YIELD").ToList();
            var daily = asset.Where(r => r.PointId == "DAILY_YIELD").ToList();
            var dayStart = total[0].Value.Number;
            Assert.InRange(dayStart, 6.0e6, 7.8e6);
            for (var i = 1; i < total.Count; i++)
            {
                if (Sim.LocalMinute(total[i].Time) == 0)
                {
                    dayStart = total[i].Value.Number;
                }

                Assert.InRange(total[i].Value.Number - dayStart - daily[i].Value.Number, -0.002, 0.002);
            }
        }
    }

    [Fact]
    public void ShouldNeverDecreaseTotalYieldExceptAtInjectedMeterReplacements()
    {
        var options = new FleetOptions { InverterCount = 10, TurbineCount = 0, Faults = new FaultRates { MeterReplacementsPerAssetYear = 30 } };
        var counters = new FaultCounters();
        var records = Sim.Run(options, 30, counters);

        var decreases = 0;
        foreach (var asset in records.Where(r => r.Quality == 0).Series("TOTAL_YIELD"))
        {
            var values = asset.Select(r => r.Value.Number).ToList();
            for (var i = 1; i < values.Count; i++)
            {
                if (values[i] < values[i - 1])
                {
                    decreases++;

                    // A new meter starts below 50 kWh; it can have counted at most a few days' energy when first seen.
                    Assert.True(values[i] < 40_000, $"{asset.Key}: {values[i - 1]} -> {values[i]}");
                }
            }
        }

        Assert.True(counters.MeterReplacements >= 5);
        Assert.Equal(counters.MeterReplacements, decreases);
    }

    [Fact]
    public void ShouldReportAFractionOfYesterdaysYieldAtMidnightWhenThatQuirkIsInjected()
    {
        var options = Sim.Clean(inverters: 2) with { Faults = FaultRates.None with { MidnightGlitchProbability = 1 } };
        var counters = new FaultCounters();
        var records = Sim.Run(options, 4, counters);

        foreach (var asset in records.Series("DAILY_YIELD"))
        {
            var values = asset.ToList();
            for (var i = 1; i < values.Count; i++)
            {
                if (Sim.LocalMinute(values[i].Time) == 0)
                {
                    var ratio = values[i - 1].Value.Number / values[i].Value.Number;
                    Assert.True(Math.Abs(ratio - 4) < 0.01 || Math.Abs(ratio - 8) < 0.01, $"ratio {ratio}");
                }
            }
        }

        Assert.Equal(2 * 3, counters.MidnightGlitches);
    }

    [Fact]
    public void ShouldSpreadInverterCapacitiesAroundTheRealPlantsPeak()
    {
        var peaks = Sim.Run(Sim.Clean(inverters: 22), 20).Series("AC_POWER").Select(g => g.Max(r => r.Value.Number)).ToList();

        // The real plant's 22 inverters peaked between 1265 and 1411 kW.
        Assert.All(peaks, peak => Assert.InRange(peak, 1100, 1550));
        Assert.True(peaks.Max() - peaks.Min() > 40);
    }
}
