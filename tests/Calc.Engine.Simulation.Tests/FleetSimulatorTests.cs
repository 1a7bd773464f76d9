namespace Calc.Engine.Simulation.Tests;

public sealed class FleetSimulatorTests
{
    private static readonly FleetOptions Mixed = new() { Seed = 7, InverterCount = 5, TurbineCount = 3 };

    [Fact]
    public void ShouldGiveIdenticalRecordsForTheSameSeed()
    {
        var first = Sim.Run(Mixed, 3);
        var second = Sim.Run(Mixed, 3);

        Assert.Equal(first.Comparable(), second.Comparable());
        Assert.True(first.Count > 5000);
    }

    [Fact]
    public void ShouldGiveOtherValuesForAnotherSeed()
    {
        var first = Sim.Run(Mixed, 1).Where(r => r.PointId == "AC_POWER").Select(r => r.Value.Number).ToList();
        var other = Sim.Run(Mixed with { Seed = 8 }, 1).Where(r => r.PointId == "AC_POWER").Select(r => r.Value.Number).ToList();

        Assert.NotEqual(first, other);
    }

    [Fact]
    public void ShouldGiveARangeTheSameRecordsWhateverRangeItIsCutFrom()
    {
        var simulator = new FleetSimulator(Mixed);
        var from = simulator.StartMs + (Sim.DayMs / 2);
        var to = simulator.StartMs + (2 * Sim.DayMs);

        var whole = simulator.Generate(simulator.StartMs, to).Where(r => r.Time >= from).ToList();
        var cut = simulator.Generate(from, to).ToList();

        Assert.Equal(whole.Comparable(), cut.Comparable());
        Assert.Equal(from, cut[0].Time);
    }

    [Fact]
    public void ShouldEmitInEventTimeOrderAcrossModels()
    {
        var records = Sim.Run(Mixed, 2);

        for (var i = 1; i < records.Count; i++)
        {
            Assert.True(records[i].Time >= records[i - 1].Time);
        }

        // PV every 15 min and wind every 10 min: both models appear at :00 and :30.
        var atStart = records.Where(r => r.Time == Sim.DefaultStartMs).Select(r => r.ModelId).Distinct();
        Assert.Equal(["inverter", "turbine"], atStart);
    }

    [Fact]
    public void ShouldEmitEveryPointOfEveryAssetAtEachSampleWithoutFaults()
    {
        var records = Sim.Run(Sim.Clean(inverters: 3, turbines: 2), 1);

        // 96 PV samples x 3 inverters x 4 points + 144 wind samples x 2 turbines x 4 points.
        Assert.Equal((96 * 3 * 4) + (144 * 2 * 4), records.Count);
        Assert.Equal(new FleetSimulator(Sim.Clean(inverters: 3, turbines: 2)).RecordsPerDay, records.Count);
    }

    [Fact]
    public void ShouldNameAssetsAndSitesAndShareOneAttributesObjectPerAsset()
    {
        var options = Sim.Clean(inverters: 25) with { InvertersPerSite = 22, TurbineCount = 1, OrgId = "acme" };
        var records = Sim.Run(options, 0.01);

        var inv23 = records.Where(r => r.AssetId == "INV23").ToList();
        Assert.Equal("{\"siteId\":\"plant2\"}", inv23[0].Attr!.ToString());
        Assert.All(inv23, r => Assert.Same(inv23[0].Attr, r.Attr));
        Assert.Equal("{\"siteId\":\"plant1\"}", records.First(r => r.AssetId == "INV01").Attr!.ToString());
        Assert.Equal("{\"siteId\":\"farm1\"}", records.First(r => r.AssetId == "WTG01").Attr!.ToString());
        Assert.All(records, r => Assert.Equal("acme", r.OrgId));
    }

    [Fact]
    public void ShouldSampleAtTheConfiguredIntervalDownToSeconds()
    {
        var options = Sim.Clean(inverters: 1) with { PvSampleInterval = TimeSpan.FromSeconds(1) };
        var simulator = new FleetSimulator(options);

        var times = simulator.Generate(simulator.StartMs, simulator.StartMs + 10_000).Select(r => r.Time).Distinct().ToList();

        Assert.Equal(Enumerable.Range(0, 10).Select(i => simulator.StartMs + (i * 1000L)), times);
    }

    [Fact]
    public void ShouldStreamAnEndlessRunLazily()
    {
        var simulator = new FleetSimulator(Mixed);

        var first = simulator.Generate(simulator.StartMs, long.MaxValue).Take(10).ToList();

        Assert.Equal(10, first.Count);
    }

    [Fact]
    public void ShouldListEveryProblemOfInvalidOptions()
    {
        var options = new FleetOptions { InverterCount = -1, OrgId = "", WindSampleInterval = TimeSpan.FromMilliseconds(500) };

        var error = Assert.Throws<ArgumentException>(() => new FleetSimulator(options));

        Assert.Contains("counts must not be negative", error.Message, StringComparison.Ordinal);
        Assert.Contains("orgId must not be empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("at least 1s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldNotChangeTheInvertersWhenTurbinesAreAdded()
    {
        var alone = Sim.Run(Sim.Clean(inverters: 2), 1).Where(r => r.ModelId == "inverter");
        var withWind = Sim.Run(Sim.Clean(inverters: 2, turbines: 5), 1).Where(r => r.ModelId == "inverter");

        Assert.Equal(alone.Comparable(), withWind.Comparable());
    }
}
