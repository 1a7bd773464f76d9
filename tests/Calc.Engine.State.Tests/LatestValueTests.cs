using System.Text;
using Calc.Sdk;
using StackExchange.Redis;
using static Calc.Engine.State.Tests.Records;

namespace Calc.Engine.State.Tests;

public sealed class LatestValueTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>
{
    private static readonly DeviceStateWriterOptions Manual = new() { FlushInterval = TimeSpan.FromHours(1) };

    private async Task<string?> StoredAsync(string org, string asset, string point) =>
        (string?)await garnet.Database.HashGetAsync(StateKeys.Latest(org, asset), point);

    [Fact]
    public async Task Should_NotGoBackward_WhenAnOlderRecordArrivesLater()
    {
        var org = GarnetFixture.NewOrg();
        await using var writer = new DeviceStateWriter(garnet.Database, Manual);
        writer.Observe(Point(org, "INV01", "AC_POWER", 2_000, 22.5));
        writer.Observe(Point(org, "INV01", "AC_POWER", 1_000, 11.0));
        await writer.FlushAsync();
        Assert.Equal("""{"time":2000,"value":22.5,"quality":0}""", await StoredAsync(org, "INV01", "AC_POWER"));

        writer.Observe(Point(org, "INV01", "AC_POWER", 1_500, 15.0));
        await writer.FlushAsync();
        Assert.Equal("""{"time":2000,"value":22.5,"quality":0}""", await StoredAsync(org, "INV01", "AC_POWER"));
        Assert.Equal(2, writer.Stats.Stale);
    }

    [Fact]
    public async Task Should_ReplaceTheValue_WhenTheSameTimeIsEmittedAgain()
    {
        var org = GarnetFixture.NewOrg();
        await using var writer = new DeviceStateWriter(garnet.Database, Manual);
        writer.Observe(Point(org, "INV01", "ENERGY_DAY", 86_400_000, 10));
        writer.Observe(Point(org, "INV01", "ENERGY_DAY", 86_400_000, 12.25));
        await writer.FlushAsync();
        Assert.Equal("""{"time":86400000,"value":12.25,"quality":0}""", await StoredAsync(org, "INV01", "ENERGY_DAY"));
    }

    [Fact]
    public async Task Should_KeepANewerStoredValue_WhenANewWriterSeesAnOlderRecord()
    {
        var org = GarnetFixture.NewOrg();
        await using (var first = new DeviceStateWriter(garnet.Database, Manual))
        {
            first.Observe(Point(org, "INV01", "AC_POWER", 5_000, 50));
            first.Observe(Point(org, "INV01", "DC_POWER", 5_000, 55));
        }

        // A restarted engine replays from an older position: nothing it writes may go backward.
        await using var second = new DeviceStateWriter(garnet.Database, Manual);
        second.Observe(Point(org, "INV01", "AC_POWER", 4_000, 40));
        second.Observe(Point(org, "INV01", "DC_POWER", 6_000, 66));
        second.Observe(Point(org, "INV01", "TEMP", 4_000, 31));
        await second.FlushAsync();

        Assert.Equal("""{"time":5000,"value":50,"quality":0}""", await StoredAsync(org, "INV01", "AC_POWER"));
        Assert.Equal("""{"time":6000,"value":66,"quality":0}""", await StoredAsync(org, "INV01", "DC_POWER"));
        Assert.Equal("""{"time":4000,"value":31,"quality":0}""", await StoredAsync(org, "INV01", "TEMP"));
        Assert.Equal(1, second.Stats.Stale);
    }

    [Fact]
    public async Task Should_KeepANewerStoredValue_WhenWritesAreGuardedByTheScript()
    {
        var org = GarnetFixture.NewOrg();
        await garnet.Database.HashSetAsync(StateKeys.Latest(org, "INV02"), "AC_POWER", """{"time":9000,"value":90,"quality":0}""");
        await using var writer = new DeviceStateWriter(garnet.Database, Manual with { UseScript = true });
        writer.Observe(Point(org, "INV02", "AC_POWER", 8_000, 80));
        writer.Observe(Point(org, "INV02", "DC_POWER", 8_000, 81));
        await writer.FlushAsync();
        Assert.Equal("""{"time":9000,"value":90,"quality":0}""", await StoredAsync(org, "INV02", "AC_POWER"));
        Assert.Equal("""{"time":8000,"value":81,"quality":0}""", await StoredAsync(org, "INV02", "DC_POWER"));

        writer.Observe(Point(org, "INV02", "AC_POWER", 9_500, 95));
        await writer.FlushAsync();
        Assert.Equal("""{"time":9500,"value":95,"quality":0}""", await StoredAsync(org, "INV02", "AC_POWER"));
    }

    [Fact]
    public async Task Should_StoreExactlyTheDocumentedJson_ForEveryValueKind()
    {
        var org = GarnetFixture.NewOrg();
        await using var writer = new DeviceStateWriter(garnet.Database, Manual);
        writer.Observe(Point(org, "M1", "P_NUM", 1589500800000, 22.98));
        writer.Observe(Make(org, "M1", "P_STR", 1589500800001, PointValue.FromString("run \"A\" 5 °C")));
        writer.Observe(Make(org, "M1", "P_BOOL", 1589500800002, PointValue.FromBool(true)));
        writer.Observe(Make(org, "M1", "P_NULL", 1589500800003, PointValue.Null, quality: 3));
        await writer.FlushAsync();

        var hash = (await garnet.Database.HashGetAllAsync(StateKeys.Latest(org, "M1")))
            .ToDictionary(e => e.Name.ToString(), e => Encoding.UTF8.GetString((byte[])e.Value!));
        Assert.Equal(4, hash.Count);
        Assert.Equal("""{"time":1589500800000,"value":22.98,"quality":0}""", hash["P_NUM"]);
        Assert.Equal("""{"time":1589500800001,"value":"run \"A\" 5 °C","quality":0}""", hash["P_STR"]);
        Assert.Equal("""{"time":1589500800002,"value":true,"quality":0}""", hash["P_BOOL"]);
        Assert.Equal("""{"time":1589500800003,"value":null,"quality":3}""", hash["P_NULL"]);
        Assert.True(LatestValueJson.TryParse(Encoding.UTF8.GetBytes(hash["P_STR"]), out var t, out var v, out var q));
        Assert.Equal((1589500800001, "run \"A\" 5 °C", 0), (t, v.Text, q));
    }

    [Fact]
    public async Task Should_WriteAllChangedPointsOfAnAsset_WithOneHsetPerFlush()
    {
        var org = GarnetFixture.NewOrg();
        await using var writer = new DeviceStateWriter(garnet.Database, Manual);
        for (var i = 0; i < 5; i++)
        {
            writer.Observe(Point(org, "INV01", "A", 1000 + i, i));
            writer.Observe(Point(org, "INV01", "B", 1000 + i, 10 + i));
            writer.Observe(Point(org, "INV02", "A", 1000 + i, 20 + i));
        }

        writer.Observe(Make(org, "INV01", ConnectionTracker.ConnectionPointId, 1005, PointValue.FromString("online")));
        await writer.FlushAsync();

        var stats = writer.Stats;
        Assert.Equal(15, stats.Observed);
        Assert.Equal(3, stats.PointsWritten);
        Assert.Equal(2, stats.HashWrites);
        Assert.Equal(2, await garnet.Database.HashLengthAsync(StateKeys.Latest(org, "INV01")));
        Assert.Equal("""{"time":1004,"value":14,"quality":0}""", await StoredAsync(org, "INV01", "B"));
        Assert.Equal("""{"time":1004,"value":24,"quality":0}""", await StoredAsync(org, "INV02", "A"));
    }

    [Fact]
    public async Task Should_BlockObserve_UntilAFlushTakesTheBuffer_WhenItIsFull()
    {
        var org = GarnetFixture.NewOrg();
        await using var writer = new DeviceStateWriter(garnet.Database, Manual with { MaxPendingPoints = 4 });
        await Task.Run(() =>
        {
            for (var i = 0; i < 40; i++)
            {
                writer.Observe(Point(org, "INV01", "P" + i, 1000, i));
                Assert.True(writer.Stats.Pending < 4);
            }
        });
        await writer.FlushAsync();
        Assert.Equal(40, await garnet.Database.HashLengthAsync(StateKeys.Latest(org, "INV01")));
        Assert.True(writer.Stats.Flushes >= 10);
    }

    [Fact]
    public async Task Should_SetATtlOnTheHash_AndForgetIdleAssetsInMemory()
    {
        var org = GarnetFixture.NewOrg();
        var clock = new FakeClock(1_000_000);
        var options = new DeviceStateWriterOptions { FlushInterval = TimeSpan.FromMilliseconds(20), IdleExpiry = TimeSpan.FromMinutes(10) };
        await using var writer = new DeviceStateWriter(garnet.Database, options, clock);
        writer.Observe(Point(org, "INV01", "AC_POWER", 1000, 1));
        writer.Observe(Point(org, "INV02", "AC_POWER", 1000, 1));
        await writer.FlushAsync();

        var ttl = await garnet.Database.KeyTimeToLiveAsync(StateKeys.Latest(org, "INV01"));
        Assert.InRange(ttl!.Value.TotalMinutes, 9.5, 10);
        Assert.Equal(2, writer.Stats.TrackedAssets);

        clock.Advance(9 * 60_000);
        writer.Observe(Point(org, "INV02", "AC_POWER", 2000, 2));
        clock.Advance(60_000);
        await WaitUntilAsync(() => writer.Stats.TrackedAssets == 1);
        Assert.Equal(1, writer.Stats.TrackedAssets);
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, int timeoutMs = 5000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition() && Environment.TickCount64 < deadline)
        {
            await Task.Delay(10);
        }
    }
}
