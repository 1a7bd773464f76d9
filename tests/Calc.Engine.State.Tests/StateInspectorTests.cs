using System.Text.Json;

namespace Calc.Engine.State.Tests;

public sealed class StateInspectorTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>
{
    private StateInspector Inspector => new(garnet.Database);

    private async Task<string> SaveSampleAsync(string org)
    {
        var job = "job-" + Guid.NewGuid().ToString("N")[..12];
        var state = """
            {"ops":{"energy":{"assets":{"INV01":{"inverter::AC_POWER":{"anchor":5},"inverter::DC_POWER":{"anchor":6}},"INV02":{"inverter::AC_POWER":{"anchor":7}}}},
             "cache":[{"assetId":"INV01","pointId":"TEMP","value":31},{"assetId":"INV02","pointId":"TEMP","value":32}]}}
            """u8.ToArray();
        await new CheckpointStore(garnet.Database).SaveAsync(new Checkpoint(job, state, new Dictionary<string, long> { ["points/0"] = 120 }) { OrgId = org, TimeMs = 1_700_000_000_000 });
        return job;
    }

    [Fact]
    public async Task Should_PrintTheWholeCheckpoint_WhenNoAssetIsGiven()
    {
        var job = await SaveSampleAsync(GarnetFixture.NewOrg());
        using var doc = JsonDocument.Parse(await Inspector.DescribeAsync(job) ?? "null");
        var root = doc.RootElement;
        Assert.Equal(job, root.GetProperty("job").GetString());
        Assert.Equal(120, root.GetProperty("positions").GetProperty("points/0").GetInt64());
        Assert.False(root.GetProperty("running").GetBoolean());
        Assert.Equal("2023-11-14T22:13:20.0000000+00:00", root.GetProperty("savedAt").GetString());
        Assert.Equal(7, root.GetProperty("state").GetProperty("ops").GetProperty("energy").GetProperty("assets").GetProperty("INV02")
            .GetProperty("inverter::AC_POWER").GetProperty("anchor").GetInt32());
    }

    [Fact]
    public async Task Should_PrintOnlyOneAssetsPoint_WithItsLatestValueAndConnection()
    {
        var org = GarnetFixture.NewOrg();
        var job = await SaveSampleAsync(org);
        await using (var writer = new DeviceStateWriter(garnet.Database))
        {
            writer.Observe(Records.Point(org, "INV01", "AC_POWER", 1000, 22.5));
            writer.Observe(Records.Point(org, "INV01", "TEMP", 1000, 31));
        }

        await using (var tracker = new ConnectionTracker(garnet.Database, new ConnectionTrackerOptions(), _ => { }))
        {
            tracker.Observe(Records.Point(org, "INV01", "AC_POWER", 1000, 22.5));
        }

        using var doc = JsonDocument.Parse(await Inspector.DescribeAsync(job, "INV01", "AC_POWER") ?? "null");
        var root = doc.RootElement;
        var matches = root.GetProperty("matches").EnumerateArray()
            .Select(m => (m.GetProperty("path").GetString(), m.GetProperty("value").GetProperty("anchor").GetInt32())).ToList();
        Assert.Equal([("$.ops.energy.assets.INV01['inverter::AC_POWER']", 5)], matches);
        Assert.Equal(22.5, root.GetProperty("latest").GetProperty("AC_POWER").GetProperty("value").GetDouble());
        Assert.False(root.GetProperty("latest").TryGetProperty("TEMP", out _));
        Assert.Equal("online", root.GetProperty("connection").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Should_FindAnAssetsEntries_InArraysOfObjectsToo()
    {
        var job = await SaveSampleAsync(GarnetFixture.NewOrg());
        using var doc = JsonDocument.Parse(await Inspector.DescribeAsync(job, "INV02") ?? "null");
        var paths = doc.RootElement.GetProperty("matches").EnumerateArray().Select(m => m.GetProperty("path").GetString()).ToList();
        Assert.Equal(["$.ops.energy.assets.INV02", "$.ops.cache[1]"], paths);
    }

    [Fact]
    public async Task Should_DescribeNothing_WhenTheJobHasNoCheckpoint()
    {
        Assert.Null(await Inspector.DescribeAsync("no-such-job"));
        await Assert.ThrowsAsync<ArgumentException>(() => Inspector.DescribeAsync(""));
    }

    [Fact]
    public async Task Should_RefuseToDelete_WhileTheJobRuns_AndDeleteOnceItStopped()
    {
        var job = await SaveSampleAsync(GarnetFixture.NewOrg());
        await using (var running = await JobLease.TryAcquireAsync(garnet.Database, job, owner: "host-1:42:abc"))
        {
            Assert.Equal(new CheckpointDeletion(false, "host-1:42:abc"), await Inspector.DeleteAsync(job));
            Assert.NotNull(await new CheckpointStore(garnet.Database).LoadAsync(job));
        }

        Assert.Equal(new CheckpointDeletion(true, null), await Inspector.DeleteAsync(job));
        Assert.Null(await new CheckpointStore(garnet.Database).LoadAsync(job));
        Assert.Null(await JobLease.InspectAsync(garnet.Database, job));
        Assert.Equal(new CheckpointDeletion(false, null), await Inspector.DeleteAsync(job));
    }
}
