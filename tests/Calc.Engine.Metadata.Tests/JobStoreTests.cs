namespace Calc.Engine.Metadata.Tests;

public sealed class JobStoreTests
{
    [Fact]
    public void ShouldAddAVersionOnlyWhenTheJobChanged()
    {
        using var temp = new TempStore();

        var first = temp.Store.SaveJob("j", """{"id":"j","template":"a"}""", ["a"]);
        var reformatted = temp.Store.SaveJob("j", "{ \"id\": \"j\",\n  \"template\": \"a\" }", ["a"]);
        var changed = temp.Store.SaveJob("j", """{"id":"j","template":"b"}""", ["b"]);

        Assert.Equal((1, true), first);
        Assert.Equal((1, false), reformatted);
        Assert.Equal((2, true), changed);
        Assert.Equal("""{"id":"j","template":"a"}""", temp.Store.Job("j", 1)!.Json);
        Assert.Equal(2, Assert.Single(temp.Store.Jobs()).Version);
        Assert.Equal(["b"], temp.Store.JobOperators("j"));
    }

    [Fact]
    public void ShouldFindTheJobsUsingAnOperatorOnlyByTheirLatestVersion()
    {
        using var temp = new TempStore();
        temp.Store.SaveJob("j1", "{\"v\":1}", ["x", "multi-point-merging"]);
        temp.Store.SaveJob("j1", "{\"v\":2}", ["multi-point-merging"]);
        temp.Store.SaveJob("j2", "{}", ["x"]);

        Assert.Equal([("j2", "x")], temp.Store.JobsUsing(["x"]));
        Assert.True(temp.Store.DeleteJob("j2"));
        Assert.Empty(temp.Store.JobsUsing(["x"]));
        Assert.Null(temp.Store.Job("j2"));
    }

    [Fact]
    public void ShouldRememberStoppedJobsUntilStartedOrDeleted()
    {
        using var temp = new TempStore();
        temp.Store.SaveJob("a", "{}", []);
        temp.Store.SaveJob("b", "{}", []);

        temp.Store.SetJobStopped("a", stopped: true);
        temp.Store.SetJobStopped("a", stopped: true);
        temp.Store.SetJobStopped("b", stopped: true);
        Assert.Equal(["a", "b"], temp.Store.StoppedJobs().Order(StringComparer.Ordinal));

        temp.Store.SetJobStopped("a", stopped: false);
        Assert.True(temp.Store.DeleteJob("b"));
        Assert.Empty(temp.Store.StoppedJobs());
    }
}
