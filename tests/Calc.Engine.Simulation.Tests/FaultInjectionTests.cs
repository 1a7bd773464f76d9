namespace Calc.Engine.Simulation.Tests;

public sealed class FaultInjectionTests
{
    private static readonly FleetOptions Fleet = new() { InverterCount = 6, TurbineCount = 4, TurbinesPerSite = 2 };

    [Fact]
    public void ShouldCountEveryRecordAndEveryBadQualityFlagItEmits()
    {
        var counters = new FaultCounters();
        var records = Sim.Run(Fleet with { Faults = new FaultRates { BadQualityProbability = 0.01 } }, 10, counters);

        Assert.Equal(counters.Records, records.Count);
        Assert.Equal(counters.BadQuality, records.Count(r => r.Quality != 0));
        Assert.All(records.Where(r => r.Quality != 0), r => Assert.Equal(1, r.Quality));
        Assert.InRange(counters.BadQuality, records.Count / 200, records.Count / 50);
    }

    [Fact]
    public void ShouldLeaveOutWholeSamplesDuringOutages()
    {
        var faults = FaultRates.None with { AssetGapsPerDay = 1, SiteGapsPerDay = 0.5 };
        var counters = new FaultCounters();
        var simulator = new FleetSimulator(Fleet with { Faults = faults });
        var records = simulator.Generate(simulator.StartMs, simulator.StartMs + (10 * Sim.DayMs), counters).ToList();

        Assert.True(counters.AssetGaps > 20);
        Assert.True(counters.SiteGaps > 5);
        Assert.Equal(simulator.RecordsPerDay * 10, records.Count + (4 * counters.MissingSamples));

        // Every sample is either complete or absent: no asset misses only some of its points.
        Assert.All(records.GroupBy(r => (r.AssetId, r.Time)), sample => Assert.Equal(4, sample.Count()));
    }

    [Fact]
    public void ShouldDropSingleRecordsAtTheConfiguredRate()
    {
        var counters = new FaultCounters();
        var records = Sim.Run(Fleet with { Faults = FaultRates.None with { DropProbability = 0.01 } }, 10, counters);

        Assert.Equal(new FleetSimulator(Fleet).RecordsPerDay * 10, records.Count + counters.Dropped);
        Assert.InRange(counters.Dropped, records.Count / 200, records.Count / 50);
    }

    [Fact]
    public void ShouldFreezeInstantPointsOnlyWhenStuckValuesAreInjected()
    {
        static int FrozenDaytimeRuns(FaultRates faults, FaultCounters counters)
        {
            var runs = 0;
            foreach (var series in Sim.Run(Fleet with { Faults = faults }, 10, counters).Series("AC_POWER"))
            {
                var values = series.Select(r => r.Value.Number).ToList();
                for (var i = 2; i < values.Count; i++)
                {
                    runs += values[i] > 0 && values[i] == values[i - 1] && values[i] == values[i - 2] ? 1 : 0;
                }
            }

            return runs;
        }

        var stuck = new FaultCounters();
        Assert.Equal(0, FrozenDaytimeRuns(FaultRates.None, new FaultCounters()));
        Assert.True(FrozenDaytimeRuns(FaultRates.None with { StuckPerAssetDay = 3 }, stuck) > 10);
        Assert.True(stuck.StuckPeriods > 100);
    }

    [Fact]
    public void ShouldMultiplySpikedValuesFarAboveTheInverterLimit()
    {
        var counters = new FaultCounters();
        var records = Sim.Run(Fleet with { Faults = FaultRates.None with { SpikeProbability = 0.01 } }, 5, counters);

        var spikedAc = records.Count(r => r.PointId == "AC_POWER" && r.Value.Number > 1600);
        Assert.True(spikedAc > 10);
        Assert.True(counters.Spikes > spikedAc);
        Assert.Equal(0, Sim.Run(Fleet with { Faults = FaultRates.None }, 5).Count(r => r.PointId == "AC_POWER" && r.Value.Number > 1600));
    }

    [Fact]
    public void ShouldInjectTheDefaultFaultsAtLowRates()
    {
        var counters = new FaultCounters();
        var records = Sim.Run(new FleetOptions(), 15, counters);
        var expected = new FleetSimulator(new FleetOptions()).RecordsPerDay * 15;

        // Defaults lose a few percent of the records, as the real plant lost 4 %.
        Assert.InRange(records.Count, expected * 0.9, expected * 0.995);
        Assert.True(counters.AssetGaps > 0 && counters.SiteGaps > 0 && counters.BadQuality > 0 && counters.Spikes > 0);
        Assert.True(counters.StuckPeriods > 0 && counters.MidnightGlitches > 0 && counters.Curtailments > 0);
    }
}
