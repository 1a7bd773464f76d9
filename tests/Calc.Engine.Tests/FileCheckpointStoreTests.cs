using Calc.Engine.Runtime;

namespace Calc.Engine.Tests;

public sealed class FileCheckpointStoreTests
{
    [Fact]
    public void ShouldKeepJobsWhoseIdsOnlyDifferInReplacedCharactersApart()
    {
        // Before: "wind job" and "wind_job" both became wind_job.p0.json and restored each other's offsets.
        var dir = Path.Combine(Path.GetTempPath(), "calc-test-" + Guid.NewGuid().ToString("N"));
        var store = new FileCheckpointStore(dir, "points");
        var other = new FileCheckpointStore(dir, "points2");
        store.Save("wind job", 0, new PartitionCheckpoint(10, "{}", 1, new CheckpointOrigin("c1", "points", 4)));
        store.Save("wind_job", 0, new PartitionCheckpoint(20, "{}", 2));
        other.Save("wind job", 0, new PartitionCheckpoint(30, "{}", 3));

        Assert.Equal(10, store.Load("wind job", 0)!.NextOffset);
        Assert.Equal(new CheckpointOrigin("c1", "points", 4), store.Load("wind job", 0)!.Origin);
        Assert.Equal(20, store.Load("wind_job", 0)!.NextOffset);
        Assert.Null(store.Load("wind_job", 0)!.Origin);
        Assert.Equal(30, other.Load("wind job", 0)!.NextOffset);
        Assert.Null(store.Load("wind job", 1));
        Assert.Equal(["wind_20job@points.p0.json", "wind_20job@points2.p0.json", "wind_5Fjob@points.p0.json"],
            Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("A_C3_84_2F_40", FileCheckpointStore.FilePrefix("AÄ/@"));
        Directory.Delete(dir, recursive: true);
    }
}
