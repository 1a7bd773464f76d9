namespace Calc.Engine.Metadata.Tests;

/// <summary>A replay asked of a served job is kept with it until its first checkpoint: a newer request replaces it, only the one checkpointed is removed, deleting the job removes it.</summary>
public sealed class JobReplayStoreTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ShouldKeepTheLatestRequestUntilThatOneIsCheckpointed()
    {
        using var temp = new TempStore();
        var first = new JobReplay("wind", 1, 1_514_872_800_000, null, At, "ci");
        var second = new JobReplay("wind", 2, 1_514_851_200_000, 1_514_894_400_000, At.AddSeconds(5), "ops");
        Assert.Null(temp.Store.JobReplay("wind"));

        temp.Store.SetJobReplay(first);
        Assert.Equal(first, temp.Store.JobReplay("wind"));
        temp.Store.SetJobReplay(second);
        Assert.Equal(second, temp.Store.JobReplay("wind"));

        // The run of the first request reaches its checkpoint after the second was asked: the second stays.
        temp.Store.ClearJobReplay(first);
        Assert.Equal(second, temp.Store.JobReplay("wind"));
        temp.Store.ClearJobReplay(second);
        Assert.Null(temp.Store.JobReplay("wind"));
    }

    [Fact]
    public void ShouldForgetTheRequestWithTheJob()
    {
        using var temp = new TempStore();
        temp.Store.SaveJob("wind", """{"id":"wind"}""", []);
        temp.Store.SetJobReplay(new JobReplay("wind", 1, 1_514_872_800_000, null, At, "ci"));

        Assert.True(temp.Store.DeleteJob("wind"));

        Assert.Null(temp.Store.JobReplay("wind"));
    }
}
