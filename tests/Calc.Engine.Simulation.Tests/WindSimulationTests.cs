using Calc.Sdk;

namespace Calc.Engine.Simulation.Tests;

public sealed class WindSimulationTests
{
    private static readonly List<Sample> CleanMonth = Samples(Sim.Run(Sim.Clean(inverters: 0, turbines: 6) with { TurbinesPerSite = 2 }, 30));

    [Fact]
    public void ShouldFollowThePowerCurveWithinNoise()
    {
        var running = CleanMonth.Where(s => s.Speed is > 5 and < 12).ToList();
        var ratios = running.Select(s => s.Active / TurbinePowerCurve.Evaluate(s.Speed * 0.955)).Order().ToList();

        Assert.True(running.Count > 1000);
        Assert.InRange(ratios[ratios.Count / 2], 0.97, 1.03);

        // 6 % noise: nothing beyond 5 standard deviations.
        Assert.All(ratios, r => Assert.InRange(r, 0.7, 1.3));
    }

    [Fact]
    public void ShouldReportTheCurveAsTheoreticalPower()
    {
        // Both values are rounded to 3 decimals after the curve is taken of the exact speed, which was within
        // 0.0005 m/s of the reported one (the curve is monotonic on each side of cut-out).
        Assert.All(CleanMonth, s =>
        {
            var below = TurbinePowerCurve.Evaluate(s.Speed - 0.0005);
            var above = TurbinePowerCurve.Evaluate(s.Speed + 0.0005);
            Assert.InRange(s.Theoretical, Math.Min(below, above) - 0.5, Math.Max(below, above) + 0.5);
        });
    }

    [Fact]
    public void ShouldStayWithinTheRealTurbinesPowerRangeAndGoNegativeOnlyInCalmWind()
    {
        Assert.All(CleanMonth, s => Assert.InRange(s.Active, -2.47, 3618.7));
        Assert.All(CleanMonth.Where(s => s.Active < 0), s => Assert.True(s.Speed < TurbinePowerCurve.CutInSpeed));
        Assert.Contains(CleanMonth, s => s.Active < 0);

        var rated = CleanMonth.Where(s => s.Speed > 15).Select(s => s.Active).Order().ToList();
        Assert.NotEmpty(rated);
        Assert.InRange(rated[rated.Count / 2], 3500, 3618.7);
    }

    [Fact]
    public void ShouldDrawWindSpeedsLikeTheRealSiteAndCorrelateThemInTime()
    {
        var options = Sim.Clean(inverters: 0, turbines: 8) with { TurbinesPerSite = 1 };
        var simulator = new FleetSimulator(options);
        var perTurbine = new Dictionary<string, List<double>>();
        foreach (var record in simulator.Generate(simulator.StartMs, simulator.StartMs + (60 * Sim.DayMs)))
        {
            if (record.PointId == FleetPoints.WindSpeed)
            {
                if (!perTurbine.TryGetValue(record.AssetId, out var series))
                {
                    perTurbine[record.AssetId] = series = [];
                }

                series.Add(record.Value.Number);
            }
        }

        var all = perTurbine.Values.SelectMany(v => v).ToList();

        // The real year: mean 7.56, sd 4.23, max 25.2 m/s; lag-1 (10 min) autocorrelation 0.985.
        Assert.InRange(all.Average(), 6.5, 8.6);
        Assert.InRange(StandardDeviation(all), 3.4, 5.0);
        Assert.InRange(all.Max(), 15, 25.5);
        Assert.All(perTurbine.Values, v => Assert.InRange(Autocorrelation(v, 1), 0.95, 0.995));
    }

    [Fact]
    public void ShouldCurtailActivePowerButNotTheoreticalPowerWhenCurtailmentsAreInjected()
    {
        var underCurve = (FaultRates faults) => Samples(Sim.Run(Sim.Clean(inverters: 0, turbines: 4) with { Faults = faults }, 20))
            .Count(s => s.Theoretical > 1500 && s.Active < 0.6 * s.Theoretical);

        var counters = new FaultCounters();
        var curtailed = Samples(Sim.Run(Sim.Clean(inverters: 0, turbines: 4) with { Faults = FaultRates.None with { CurtailmentsPerTurbineDay = 3 } }, 20, counters))
            .Count(s => s.Theoretical > 1500 && s.Active < 0.6 * s.Theoretical);

        Assert.Equal(0, underCurve(FaultRates.None));
        Assert.True(curtailed > 50, $"{curtailed} curtailed samples");
        Assert.True(counters.Curtailments > 100);
    }

    [Fact]
    public void ShouldKeepDirectionsWithinACircle()
    {
        Assert.All(CleanMonth, s => Assert.InRange(s.Direction, 0, 360));
        Assert.InRange(CleanMonth.Select(s => s.Direction).Distinct().Count(), 1000, int.MaxValue);
    }

    private static List<Sample> Samples(List<PointRecord> records)
    {
        var samples = new List<Sample>();
        for (var i = 0; i + 3 < records.Count; i += 4)
        {
            samples.Add(new Sample(records[i].Value.Number, records[i + 1].Value.Number, records[i + 2].Value.Number, records[i + 3].Value.Number));
        }

        return samples;
    }

    private static double StandardDeviation(List<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }

    private static double Autocorrelation(List<double> values, int lag)
    {
        var mean = values.Average();
        double num = 0, den = 0;
        for (var i = 0; i < values.Count; i++)
        {
            den += (values[i] - mean) * (values[i] - mean);
            if (i + lag < values.Count)
            {
                num += (values[i] - mean) * (values[i + lag] - mean);
            }
        }

        return num / den;
    }

    private sealed record Sample(double Active, double Speed, double Theoretical, double Direction);
}
