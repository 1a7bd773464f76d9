using System.Text;
using System.Text.Json;
using Calc.Engine.Runtime;

namespace Calc.Engine.State.Tests;

/// <summary>The streaming runner's per-partition checkpoints in Garnet (<see cref="GarnetPartitionCheckpointStore"/>).</summary>
public sealed class PartitionCheckpointTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>
{
    private static string NewJob() => "job-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public void ShouldLoadEachPartitionsStateWithTheOffsetItWasSavedWith()
    {
        var job = NewJob();
        var store = new GarnetPartitionCheckpointStore(garnet.Database, "points", "o1");
        store.Save(job, 0, new PartitionCheckpoint(120, """{"energy":{"T1":{"anchor":1.5}}}""", 1_000));
        store.Save(job, 3, new PartitionCheckpoint(7, """{"energy":{"T2":{"anchor":2.5}}}""", 1_000));
        store.Save(job, 0, new PartitionCheckpoint(130, """{"energy":{"T1":{"anchor":3.5}}}""", 2_000));

        var p0 = store.Load(job, 0);
        Assert.NotNull(p0);
        Assert.Equal(130, p0.NextOffset);
        Assert.Equal("""{"energy":{"T1":{"anchor":3.5}}}""", p0.StateJson);
        Assert.Equal(7, store.Load(job, 3)!.NextOffset);
        Assert.Null(store.Load(job, 1));
        Assert.Null(store.Load(NewJob(), 0));
        Assert.Equal(3, store.Saved);
    }

    [Fact]
    public async Task ShouldShowThePartitionsAsOneCheckpointForInspectionAndDeleteThemTogether()
    {
        var job = NewJob();
        var store = new GarnetPartitionCheckpointStore(garnet.Database, "points", "o1");
        store.Save(job, 1, new PartitionCheckpoint(5, """{"w":{"T1":1}}""", 0));
        store.Save(job, 2, new PartitionCheckpoint(9, """{"w":{"T2":2}}""", 0));

        var whole = await new CheckpointStore(garnet.Database).LoadAsync(job);
        Assert.NotNull(whole);
        Assert.Equal("""{"partitions":{"points/1":{"w":{"T1":1}},"points/2":{"w":{"T2":2}}}}""", Encoding.UTF8.GetString(whole.State.Span));
        Assert.Equal(new Dictionary<string, long> { ["points/1"] = 5, ["points/2"] = 9 }, whole.Positions);
        Assert.Equal("o1", whole.OrgId);

        var matches = JsonDocument.Parse(await new StateInspector(garnet.Database).DescribeAsync(job, "T2") ?? "null").RootElement.GetProperty("matches");
        Assert.Equal("$.partitions['points/2'].w.T2", matches[0].GetProperty("path").GetString());
        Assert.True((await new StateInspector(garnet.Database).DeleteAsync(job)).Deleted);
        Assert.Null(store.Load(job, 1));
        Assert.Null(store.Load(job, 2));
    }
}
