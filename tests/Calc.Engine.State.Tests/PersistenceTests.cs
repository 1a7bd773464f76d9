using System.Text;
using static Calc.Engine.State.Tests.Records;

namespace Calc.Engine.State.Tests;

/// <summary>Embedded Garnet with a data directory: state survives a restart. Each test starts its own servers.</summary>
public sealed class PersistenceTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "calc-state-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private StateConnectionOptions Options(bool checkpointOnDispose) =>
        new() { Embedded = new EmbeddedGarnetOptions { DataDirectory = _dir, CheckpointOnDispose = checkpointOnDispose } };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Should_KeepLatestValuesConnectionStateAndCheckpoints_AcrossARestart(bool checkpointOnDispose)
    {
        var clock = new FakeClock(1_700_000_000_000);
        await using (var state = await StateConnection.OpenAsync(Options(checkpointOnDispose)))
        {
            await using (var writer = new DeviceStateWriter(state.Database))
            {
                writer.Observe(Point("o1", "INV01", "AC_POWER", 2_000, 22.5));
                writer.Observe(Point("o1", "INV01", "DC_POWER", 2_000, 23.5));
            }

            await using (var tracker = new ConnectionTracker(state.Database, new ConnectionTrackerOptions(), _ => { }, clock))
            {
                tracker.Observe(Point("o1", "INV01", "AC_POWER", 2_000, 22.5, site: "plant1"));
            }

            await new CheckpointStore(state.Database).SaveAsync(new Checkpoint("job1", "{\"n\":1}"u8.ToArray(), new Dictionary<string, long> { ["points/0"] = 500 }));
        }

        await using var restarted = await StateConnection.OpenAsync(Options(checkpointOnDispose));
        var db = restarted.Database;
        Assert.Equal("""{"time":2000,"value":22.5,"quality":0}""", (string?)await db.HashGetAsync(StateKeys.Latest("o1", "INV01"), "AC_POWER"));
        Assert.Equal("online", (string?)await db.HashGetAsync(StateKeys.Connection("o1", "INV01"), "status"));
        Assert.Equal("1", (string?)await db.HashGetAsync(StateKeys.Site("o1", "plant1"), "online"));
        var checkpoint = await new CheckpointStore(db).LoadAsync("job1");
        Assert.Equal(("{\"n\":1}", 500L), (Encoding.UTF8.GetString(checkpoint!.State.Span), checkpoint.Positions["points/0"]));

        // Forward-only holds across the restart too.
        await using (var writer = new DeviceStateWriter(db))
        {
            writer.Observe(Point("o1", "INV01", "AC_POWER", 1_000, 11));
        }

        Assert.Equal("""{"time":2000,"value":22.5,"quality":0}""", (string?)await db.HashGetAsync(StateKeys.Latest("o1", "INV01"), "AC_POWER"));

        await using var tracker2 = new ConnectionTracker(db, new ConnectionTrackerOptions(), _ => { }, clock);
        Assert.Equal(1, await tracker2.LoadAsync());
    }

    [Fact]
    public async Task Should_ConnectToTheServerThatAlreadyHoldsTheDataDirectory()
    {
        await using var owner = await StateConnection.OpenAsync(Options(checkpointOnDispose: false));
        Assert.Throws<InvalidOperationException>(() => EmbeddedGarnet.Start(new EmbeddedGarnetOptions { DataDirectory = _dir }));

        await using var second = await StateConnection.OpenAsync(Options(checkpointOnDispose: false));
        Assert.Null(second.Embedded);
        Assert.Equal(owner.Endpoint, second.Endpoint);
        await owner.Database.StringSetAsync("calc:test", "shared");
        Assert.Equal("shared", (string?)await second.Database.StringGetAsync("calc:test"));
    }

    [Fact]
    public async Task Should_ConnectByRedisUrl_ToAGivenPort()
    {
        var port = GetFreePort();
        using var server = EmbeddedGarnet.Start(new EmbeddedGarnetOptions { Port = port });
        Assert.Equal(port, server.Port);
        await using var client = await StateConnection.OpenAsync(new StateConnectionOptions { Url = $"redis://127.0.0.1:{port}" });
        Assert.Null(client.Embedded);
        Assert.Equal($"127.0.0.1:{port}", client.Endpoint);
        Assert.True(await client.Database.StringSetAsync("calc:url", "1"));
        await Assert.ThrowsAsync<FormatException>(() => StateConnection.OpenAsync(new StateConnectionOptions { Url = "http://127.0.0.1:1" }));
    }

    private static int GetFreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
