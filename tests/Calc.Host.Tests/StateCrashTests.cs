using System.Diagnostics;
using System.Text.Json;
using Calc.Engine.Kafka;
using Calc.Engine.State;
using StackExchange.Redis;

namespace Calc.Host.Tests;

/// <summary>
/// Issue 5's crash test: a real <c>calc run --bootstrap-servers … --state redis://…</c> process keeps its
/// partition checkpoints in Garnet, is SIGKILLed in the middle of the stream, and is restarted; its
/// outputs (upserts) and the latest values in Garnet then equal those of an uninterrupted file run of the
/// same job over the same records: no window lost, no energy counted twice.
/// </summary>
public sealed class StateCrashTests
{
    private const string JobId = "crash";
    private const string Job = """
        {"id":"crash","orgId":"o1","pipeline":[
          {"op":"template","template":"time-window-aggregation","settings":{"window":"1h"},
           "policies":[{"input":"turbine::ActivePower","aggregation":"avg","output":"turbine::P_1H"},
                       {"input":"turbine::WindSpeed","aggregation":"count","output":"turbine::N_1H"}]},
          {"op":"template","template":"energy-by-instant-power","settings":{"timeZone":"UTC","detailInterval":"1h","maxGap":"1h"},
           "policies":[{"input":"turbine::ActivePower","dailyOutput":"turbine::ENERGY_DAY","detailOutput":"turbine::ENERGY_1H"}]}],
         "source":{"kafka":{"topic":"points"}},"outputs":{"kafka":{"topic":"results","internal":false}}}
        """;

    [Fact]
    public async Task ShouldProduceTheOutputsOfAnUninterruptedRunAfterBeingKilledMidStream()
    {
        var dir = CliRunner.TempDir();
        var jobPath = Path.Combine(dir, "job.json");
        File.WriteAllText(jobPath, Job);
        var (day1, day2) = StreamTestKit.WindRecords();
        File.WriteAllLines(Path.Combine(dir, "all.ndjson"), day1.Concat(day2).Select(r => r.Json));
        await using var garnet = await StateConnection.OpenAsync(new StateConnectionOptions { Embedded = new EmbeddedGarnetOptions { DataDirectory = Path.Combine(dir, "garnet") } });
        var url = $"redis://127.0.0.1:{garnet.Embedded!.Port}";
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 4);
        broker.CreateTopic("results", 4);
        string[] run = ["run", jobPath, "--bootstrap-servers", servers, "--state", url];

        StreamTestKit.Produce(servers, "points", day1);
        var (first, firstLog) = StreamTestKit.StartCalc([.. run, "--idle-exit", "120s"]);
        await WaitForCheckpointsAsync(garnet.Database, 4, first, firstLog);
        var (refused, _, refusal) = CliRunner.Run("state", "delete", "--job", JobId, "--state", url);
        Assert.True(refused == 1, refusal);
        Assert.Contains("is running", refusal, StringComparison.Ordinal);

        // Kill it while it works on the second day: the part after its last barrier is read again.
        StreamTestKit.Produce(servers, "points", day2.Take(day2.Count / 2));
        await Task.Delay(700);
        first.Kill(entireProcessTree: true);
        await first.WaitForExitAsync();
        StreamTestKit.Produce(servers, "points", day2.Skip(day2.Count / 2));

        var (second, secondLog) = StreamTestKit.StartCalc([.. run, "--idle-exit", "6s"]);
        Assert.True(second.WaitForExit(TimeSpan.FromSeconds(90)), "the restarted run did not stop after going idle:\n" + StreamTestKit.Text(secondLog));
        await second.WaitForExitAsync();
        var log = StreamTestKit.Text(secondLog);
        Assert.True(second.ExitCode == 0, log);
        Assert.Contains("restored from its checkpoint", log, StringComparison.Ordinal);

        var (exit, _, error) = CliRunner.Run("run", jobPath, "--input", Path.Combine(dir, "all.ndjson"), "--output", Path.Combine(dir, "expected.ndjson"));
        Assert.True(exit == 0, error);
        var expectedLines = File.ReadAllLines(Path.Combine(dir, "expected.ndjson"));
        var results = StreamTestKit.ConsumeAll(servers, "results");
        try
        {
            StreamTestKit.AssertSameResults(StreamTestKit.Latest(expectedLines), StreamTestKit.Latest(results));
        }
        catch (Xunit.Sdk.XunitException ex)
        {
            Assert.Fail($"{ex.Message}\n--- killed run:\n{StreamTestKit.Text(firstLog)}\n--- restarted run:\n{log}");
        }

        Assert.Contains(results, r => r.Contains("\"pointId\":\"__connection\"", StringComparison.Ordinal) && r.Contains("\"online\"", StringComparison.Ordinal));
        await StreamTestKit.AssertLatestValuesAsync(garnet.Database, expectedLines);
    }

    /// <summary>Waits until every partition has a checkpoint in Garnet (the run is past its first barrier), however slow the machine.</summary>
    private static async Task WaitForCheckpointsAsync(IDatabase db, int partitions, Process run, System.Text.StringBuilder log)
    {
        var watch = Stopwatch.StartNew();
        while ((await db.HashKeysAsync(StateKeys.Checkpoint(JobId))).Count(k => k.ToString().StartsWith(CheckpointStore.PartitionFieldPrefix, StringComparison.Ordinal)) < partitions)
        {
            Assert.False(run.HasExited, "the run stopped early:\n" + StreamTestKit.Text(log));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(90), $"no checkpoint for all {partitions} partitions within 90 s:\n" + StreamTestKit.Text(log));
            await Task.Delay(200);
        }
    }
}
