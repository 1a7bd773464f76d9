using System.Text;
using System.Text.Json;

namespace Calc.Engine.State.Tests;

public sealed class CheckpointStoreTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>
{
    private static string NewJob() => "job-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Should_LoadExactlyWhatWasSaved_StateAndOffsetsTogether()
    {
        var job = NewJob();
        var store = new CheckpointStore(garnet.Database);
        var state = Checkpoint.WriteState(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("energy");
            w.WriteStartObject("INV01");
            w.WriteNumber("anchor", 1234.5);
            w.WriteNumber("anchorTime", 1589500800000);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        });
        var positions = new Dictionary<string, long> { ["points/0"] = 1_000_001, ["points/3"] = 42, ["file:/data/in.ndjson"] = 77 };
        await store.SaveAsync(new Checkpoint(job, state, positions) { OrgId = "o1", TimeMs = 1_700_000_000_000 });

        var loaded = await store.LoadAsync(job);
        Assert.NotNull(loaded);
        Assert.Equal("""{"energy":{"INV01":{"anchor":1234.5,"anchorTime":1589500800000}}}""", Encoding.UTF8.GetString(loaded.State.Span));
        Assert.Equal(positions.OrderBy(p => p.Key), loaded.Positions.OrderBy(p => p.Key));
        Assert.Equal(("o1", 1_700_000_000_000L), (loaded.OrgId, loaded.TimeMs));
    }

    [Fact]
    public async Task Should_ReplaceThePreviousCheckpoint_AsAWhole()
    {
        var job = NewJob();
        var store = new CheckpointStore(garnet.Database, new FakeClock(5_000));
        await store.SaveAsync(new Checkpoint(job, "[1]"u8.ToArray(), new Dictionary<string, long> { ["p/0"] = 1, ["p/1"] = 2 }) { OrgId = "o1" });
        await store.SaveAsync(new Checkpoint(job, "[2]"u8.ToArray(), new Dictionary<string, long> { ["p/0"] = 10 }));

        var loaded = (await store.LoadAsync(job))!;
        Assert.Equal("[2]", Encoding.UTF8.GetString(loaded.State.Span));
        Assert.Equal([new KeyValuePair<string, long>("p/0", 10)], loaded.Positions);
        Assert.Null(loaded.OrgId);
        Assert.Equal(5_000, loaded.TimeMs);
    }

    [Fact]
    public async Task Should_SaveAndLoadTenThousandAssetsOfState()
    {
        var job = NewJob();
        var store = new CheckpointStore(garnet.Database);
        var state = Checkpoint.WriteState(w =>
        {
            w.WriteStartObject();
            for (var i = 0; i < 10_000; i++)
            {
                w.WriteStartObject($"INV{i:D5}");
                w.WriteNumber("sum", i * 1.5);
                w.WriteNumber("count", i);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        });
        await store.SaveAsync(new Checkpoint(job, state, new Dictionary<string, long> { ["points/0"] = 9 }));
        var loaded = (await store.LoadAsync(job))!;
        using var doc = JsonDocument.Parse(loaded.State);
        Assert.Equal(10_000, doc.RootElement.EnumerateObject().Count());
        Assert.Equal(14_998.5, doc.RootElement.GetProperty("INV09999").GetProperty("sum").GetDouble());
    }

    [Fact]
    public async Task Should_RejectAStateThatIsNotOneJsonValue()
    {
        var store = new CheckpointStore(garnet.Database);
        var empty = new Dictionary<string, long>();
        await Assert.ThrowsAnyAsync<JsonException>(() => store.SaveAsync(new Checkpoint(NewJob(), "{\"a\":"u8.ToArray(), empty)));
        await Assert.ThrowsAnyAsync<JsonException>(() => store.SaveAsync(new Checkpoint(NewJob(), "1 2"u8.ToArray(), empty)));
    }

    [Fact]
    public async Task Should_ReturnNothing_AfterDelete()
    {
        var job = NewJob();
        var store = new CheckpointStore(garnet.Database);
        await store.SaveAsync(new Checkpoint(job, "{}"u8.ToArray(), new Dictionary<string, long>()));
        Assert.True(await store.DeleteAsync(job));
        Assert.Null(await store.LoadAsync(job));
        Assert.False(await store.DeleteAsync(job));
    }

    [Fact]
    public async Task Should_GrantTheLeaseToOneHolder_RenewIt_AndReleaseIt()
    {
        var job = NewJob();
        // The renewal is seen as the key's TTL going back up, however late a loaded machine runs it (CI runs
        // test projects side by side on two cores; a fixed sleep there once outlasted the TTL).
        var ttl = TimeSpan.FromSeconds(6);
        await using (var lease = await JobLease.TryAcquireAsync(garnet.Database, job, ttl, owner: "engine-a"))
        {
            Assert.NotNull(lease);
            Assert.Null(await JobLease.TryAcquireAsync(garnet.Database, job, ttl, owner: "engine-b"));
            var last = (await JobLease.InspectAsync(garnet.Database, job))!.Value.TimeToLive!.Value;
            var renewed = false;
            for (var waited = 0; waited < 30_000 && !renewed; waited += 100)
            {
                await Task.Delay(100);
                var now = await JobLease.InspectAsync(garnet.Database, job);
                Assert.Equal("engine-a", now?.Owner);
                renewed = now!.Value.TimeToLive!.Value > last + TimeSpan.FromMilliseconds(50);
                last = now.Value.TimeToLive!.Value;
            }

            Assert.True(renewed, "the lease's TTL never went back up: not renewed");
            Assert.InRange((await JobLease.InspectAsync(garnet.Database, job))!.Value.TimeToLive!.Value.TotalMilliseconds, 1, 6000);
            Assert.False(lease.Lost.IsCancellationRequested);
        }

        Assert.Null(await JobLease.InspectAsync(garnet.Database, job));
        await using var next = await JobLease.TryAcquireAsync(garnet.Database, job, ttl, owner: "engine-b");
        Assert.NotNull(next);
    }

    [Fact]
    public async Task Should_SignalLost_WhenTheLeaseIsTakenAway()
    {
        var job = NewJob();
        await using var lease = (await JobLease.TryAcquireAsync(garnet.Database, job, TimeSpan.FromSeconds(30)))!;
        await garnet.Database.StringSetAsync(StateKeys.Lease(job), "someone-else");
        Assert.False(await lease.RenewAsync());
        Assert.True(lease.Lost.IsCancellationRequested);
    }
}
