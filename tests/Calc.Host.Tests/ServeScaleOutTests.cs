using Calc.Engine.Kafka;

namespace Calc.Host.Tests;

/// <summary>
/// <c>calc serve</c> runs jobs with the same runner as <c>calc run</c>: a stateful job whose group committed offsets its
/// checkpoint directory has no checkpoint for is failed with the reason in its status, and a new version with other
/// steps (whose old state is dropped on purpose) still starts.
/// </summary>
[Collection(DataDirCollection.Name)]
public sealed class ServeScaleOutTests : DataDirTest
{
    private const string WindowJob = """
        {"id":"wind","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1d"},
         "policies":[{"input":"turbine::WindSpeed","aggregation":"count","output":"turbine::N"}],
         "source":{"kafka":{"topic":"points"}},"outputs":{"kafka":{"topic":"results","internal":false}}}
        """;

    /// <summary>Other steps: a threshold that carries the last value, so stateful too.</summary>
    private const string RepairJob = """
        {"id":"wind","orgId":"o1","pipeline":[{"op":"threshold","input":"turbine::WindSpeed","threshold":"[0,40]","interpolation":"lastValue"}],
         "source":{"kafka":{"topic":"points"}},"outputs":{"kafka":{"topic":"results","internal":false}}}
        """;

    [Fact]
    public async Task ShouldFailAServedJobWhoseCheckpointIsOnAnotherMachine()
    {
        var (day1, _) = StreamTestKit.WindRecords(turbines: 1);
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 1);
        broker.CreateTopic("results", 1);
        StreamTestKit.Produce(servers, "points", day1);

        // Another machine ran the job in group 'wind' and kept its checkpoint in its own directory.
        var (exit, _, error) = CliRunner.Run("run", Write("job.json", WindowJob), "--bootstrap-servers", servers, "--idle-exit", "3s", "--checkpoint-dir", Path.Combine(Dir, "elsewhere"));
        Assert.True(exit == 0, error);
        var outputs = StreamTestKit.ConsumeAll(servers, "results", 1).Count;

        await using var serve = new ServeHarness(servers);
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/wind", WindowJob)).Status);
        var failed = await serve.WaitFor("wind", s => s.GetProperty("state").GetString() == "failed", "failed");

        var reason = failed.GetProperty("error").GetString()!;
        Assert.StartsWith("job 'wind': partition 0 of 'points' has committed offset 288 in group 'wind' but no checkpoint in ", reason, StringComparison.Ordinal);
        Assert.Contains("--accept-empty-state", reason, StringComparison.Ordinal);
        Assert.Equal(outputs, StreamTestKit.ConsumeAll(servers, "results", 1).Count);
    }

    [Fact]
    public async Task ShouldStartANewVersionWithOtherStepsFromWhereTheOldOneStopped()
    {
        var (day1, day2) = StreamTestKit.WindRecords(turbines: 1);
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 1);
        broker.CreateTopic("results", 1);
        StreamTestKit.Produce(servers, "points", day1);
        await using var serve = new ServeHarness(servers);
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/wind", WindowJob)).Status);
        await serve.WaitFor("wind", s => s.GetProperty("read").GetInt64() == day1.Count, $"read the {day1.Count} records of day 1");

        Assert.Equal(200, (await serve.Send(HttpMethod.Put, "/jobs/wind", RepairJob)).Status);
        await serve.WaitFor("wind", s => s.GetProperty("state").GetString() == "running" && s.GetProperty("version").GetInt32() == 2 && s.GetProperty("partitions").GetInt32() == 1, "running version 2");
        StreamTestKit.Produce(servers, "points", day2);

        // Version 2 reads on after day 1 (its state empty, as its steps are new), never refused.
        var running = await serve.WaitFor("wind", s => s.GetProperty("read").GetInt64() >= day2.Count, $"read the {day2.Count} records of day 2");
        Assert.Equal("running", running.GetProperty("state").GetString());
        Assert.Equal(day2.Count, running.GetProperty("read").GetInt64());
    }
}
