using Calc.Sdk;
using static Calc.Engine.Tsdb.Tests.Points;

namespace Calc.Engine.Tsdb.Tests;

public sealed class SqliteTsdbTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ShouldKeepTheLastWriteOfASeriesAndTime()
    {
        using var store = SqliteTsdb.Open(_folder.File("tsdb.db"));
        await store.WriteAsync([Number("INV01", "ENERGY_DAY", T0, 5, mode: CalMode.Early), Number("INV01", "ENERGY_DAY", T0, 7, mode: CalMode.Early)], default);
        await store.WriteAsync([Number("INV01", "ENERGY_DAY", T0, 6.5, mode: CalMode.Final), Number("INV01", "ENERGY_DAY", T0 + 1, 1)], default);

        var rows = store.Query("INV01", "ENERGY_DAY");

        Assert.Equal([(T0, 6.5), (T0 + 1, 1.0)], rows.Select(r => (r.Time, r.Value.Number)));
        Assert.Equal(4, store.Counters.Written);
    }

    [Fact]
    public async Task ShouldKeepValueKindsAndReadThemBack()
    {
        using var store = SqliteTsdb.Open(_folder.File("tsdb.db"));
        await store.WriteAsync(
        [
            Make("INV01", "STATE", T0, PointValue.FromString("online")),
            Make("INV01", "STATE", T0 + 1, PointValue.FromBool(true)),
            Make("INV01", "STATE", T0 + 2, PointValue.Null),
            Make("INV01", "STATE", T0 + 3, PointValue.FromNumber(-2.25)),
        ], default);

        var values = store.Query("INV01", "STATE").Select(r => r.Value).ToArray();

        Assert.Equal([PointValue.FromString("online"), PointValue.FromBool(true), PointValue.Null, PointValue.FromNumber(-2.25)], values);
    }

    [Theory]
    [InlineData(TsdbAggregation.Avg, 2.0, 12.5)]
    [InlineData(TsdbAggregation.Min, 1.0, 10.0)]
    [InlineData(TsdbAggregation.Max, 3.0, 15.0)]
    [InlineData(TsdbAggregation.Sum, 6.0, 25.0)]
    [InlineData(TsdbAggregation.Count, 3.0, 2.0)]
    [InlineData(TsdbAggregation.First, 3.0, 15.0)]
    [InlineData(TsdbAggregation.Last, 2.0, 10.0)]
    public async Task ShouldAggregateEpochAlignedBuckets(TsdbAggregation aggregation, double firstHour, double secondHour)
    {
        const long Hour = 3_600_000;
        using var store = SqliteTsdb.Open(_folder.File("tsdb.db"));
        // Hour 0: 3 @ 0:00, 1 @ 0:20, 2 @ 0:40 (a string in between is left out); hour 1: 15 @ 1:00, 10 @ 1:59:59.999.
        await store.WriteAsync(
        [
            Number("INV01", "P", T0 + (Hour / 3), 1),
            Number("INV01", "P", T0, 3),
            Make("INV01", "P", T0 + (Hour / 2), PointValue.FromString("n/a")),
            Number("INV01", "P", T0 + (2 * Hour / 3), 2),
            Number("INV01", "P", T0 + Hour, 15),
            Number("INV01", "P", T0 + (2 * Hour) - 1, 10),
            Number("INV01", "P", T0 + (2 * Hour), 99),
        ], default);

        var rows = store.Query("INV01", "P", from: T0, to: T0 + (2 * Hour), every: Hour, agg: aggregation);

        Assert.Equal([(T0, firstHour), (T0 + Hour, secondHour)], rows.Select(r => (r.Time, r.Value.Number)));
    }

    [Fact]
    public async Task ShouldFloorBucketsBeforeTheEpoch()
    {
        using var store = SqliteTsdb.Open(_folder.File("tsdb.db"));
        await store.WriteAsync([Number("A", "P", -1, 4), Number("A", "P", -1000, 2), Number("A", "P", 0, 9)], default);

        var rows = store.Query("A", "P", every: 1000, agg: TsdbAggregation.Sum);

        Assert.Equal([(-1000L, 6.0), (0L, 9.0)], rows.Select(r => (r.Time, r.Value.Number)));
    }

    [Fact]
    public async Task ShouldReadTheRangeFromInclusiveToExclusiveAndNarrowByOrg()
    {
        using var store = SqliteTsdb.Open(_folder.File("tsdb.db"));
        await store.WriteAsync(
        [
            Number("INV01", "P", T0, 1), Number("INV01", "P", T0 + 10, 2), Number("INV01", "P", T0 + 20, 3),
            Number("INV01", "P", T0 + 10, 20, org: "o2"),
        ], default);

        var all = store.Query("INV01", "P", from: T0 + 10, to: T0 + 20);
        var onlyO2 = store.Query("INV01", "P", org: "o2");

        Assert.Equal([("o1", T0 + 10, 2.0), ("o2", T0 + 10, 20.0)], all.Select(r => (r.OrgId, r.Time, r.Value.Number)));
        Assert.Equal([("o2", 20.0)], onlyO2.Select(r => (r.OrgId, r.Value.Number)));
    }

    [Fact]
    public async Task ShouldDeletePointsOlderThanTheRetention()
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(T0 + (10 * 86_400_000L));
        var options = new SqliteTsdbOptions { Path = _folder.File("tsdb.db"), RetentionDays = 3 };
        using var store = SqliteTsdb.Open(options, time: new FixedClock(now));
        var cutoff = now.ToUnixTimeMilliseconds() - (3 * 86_400_000L);
        await store.WriteAsync(
        [
            Number("A", "P", cutoff - 1, 1), Number("A", "P", cutoff, 2), Number("B", "P", cutoff - 86_400_000, 3),
            Number("B", "P", cutoff + 5, 4),
        ], default);

        var deleted = store.RunRetention();

        Assert.Equal(2, deleted);
        Assert.Equal([(cutoff, 2.0)], store.Query("A", "P").Select(r => (r.Time, r.Value.Number)));
        Assert.Equal([(cutoff + 5, 4.0)], store.Query("B", "P").Select(r => (r.Time, r.Value.Number)));
    }

    [Fact]
    public async Task ShouldStoreOnlyThePointsTheStoragePolicyKeeps()
    {
        var options = new SqliteTsdbOptions { Path = _folder.File("tsdb.db"), Storage = TsdbStorageOptions.Of("inverter::ENERGY_*", "!*::ENERGY_DEBUG") };
        using var store = SqliteTsdb.Open(options);
        await store.WriteAsync(
        [
            Number("A", "ENERGY_DAY", T0, 1), Number("A", "ENERGY_DEBUG", T0, 2), Number("A", "AC_POWER", T0, 3),
            Number("M", "ENERGY_DAY", T0, 4, model: "meter"),
        ], default);

        Assert.Single(store.Query("A", "ENERGY_DAY"));
        Assert.Empty(store.Query("A", "ENERGY_DEBUG"));
        Assert.Empty(store.Query("M", "ENERGY_DAY"));
        Assert.Equal((1, 3), (store.Counters.Written, store.Counters.SkippedByPolicy));
    }

    [Fact]
    public async Task ShouldLeaveOutProvisionalValuesWhenConfigured()
    {
        var options = new SqliteTsdbOptions { Path = _folder.File("tsdb.db"), WriteProvisional = false };
        using var store = SqliteTsdb.Open(options);
        await store.WriteAsync(
        [
            Number("A", "E", T0, 1, mode: CalMode.Early),
            Number("A", "E", T0 + 1, 2, attr: """{"calMode":"onTime"}"""),
            Number("A", "E", T0 + 2, 3, attr: """{"calMode":"late"}"""),
            Number("A", "E", T0 + 3, 4, mode: CalMode.Final),
        ], default);

        Assert.Equal([3.0, 4.0], store.Query("A", "E").Select(r => r.Value.Number));
        Assert.Equal(2, store.Counters.SkippedByCalMode);
    }

    [Fact]
    public async Task ShouldKeepSeriesIdsAcrossReopening()
    {
        var path = _folder.File("data/tsdb.db");
        using (var store = SqliteTsdb.Open(path))
        {
            await store.WriteAsync([Number("A", "P", T0, 1), Number("B", "P", T0, 2)], default);
        }

        using (var store = SqliteTsdb.Open(path))
        {
            await store.WriteAsync([Number("A", "P", T0, 10), Number("C", "P", T0, 3)], default);
            Assert.Equal([10.0], store.Query("A", "P").Select(r => r.Value.Number));
            Assert.Equal([2.0], store.Query("B", "P").Select(r => r.Value.Number));
            Assert.Equal([3.0], store.Query("C", "P").Select(r => r.Value.Number));
        }
    }
}
