using System.Diagnostics;
using System.Globalization;
using Calc.Engine.Kafka;
using Calc.Engine.State;

namespace Calc.Host.Tests;

/// <summary>
/// The state store goes down in the middle of a Kafka run: a real <c>redis-server</c> (AOF, fsync
/// always) is SIGKILLed while <c>calc run --state redis://…</c> reads the second day, and started again
/// on the same port a few seconds later. The run reports the outage and the recovery, its barrier waits
/// (records wait in Kafka), and in the end the outputs, the latest values and the checkpoints are those
/// of a run that saw no outage.
/// </summary>
public sealed class StateOutageTests
{
    private const string Job = """
        {"id":"outage","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1h"},
         "policies":[{"input":"turbine::ActivePower","aggregation":"avg","output":"turbine::P_1H"}],
         "source":{"kafka":{"topic":"points"}},"outputs":{"kafka":{"topic":"results","internal":false}}}
        """;

    [Fact]
    public async Task ShouldRetryWhileTheStateStoreIsDown_AndLoseNothing()
    {
        var dir = CliRunner.TempDir();
        var jobPath = Path.Combine(dir, "job.json");
        File.WriteAllText(jobPath, Job);
        var (day1, day2) = StreamTestKit.WindRecords(turbines: 2);
        File.WriteAllLines(Path.Combine(dir, "all.ndjson"), day1.Concat(day2).Select(r => r.Json));
        var aof = Directory.CreateDirectory(Path.Combine(dir, "redis")).FullName;
        var redis = RedisServerProcess.Start(aofDirectory: aof);
        try
        {
            using var broker = new EmbeddedKafkaBroker();
            var servers = broker.Start();
            broker.CreateTopic("points", 2);
            broker.CreateTopic("results", 2);
            StreamTestKit.Produce(servers, "points", day1);
            var (run, log) = StreamTestKit.StartCalc("run", jobPath, "--bootstrap-servers", servers, "--state", redis.Url, "--idle-exit", "8s");
            await WaitForAsync(run, log, string.Create(CultureInfo.InvariantCulture, $"read {day1.Count:N0} "));

            redis.Kill();
            StreamTestKit.Produce(servers, "points", day2);
            await WaitForAsync(run, log, "records wait in the source meanwhile");
            redis = RedisServerProcess.Start(redis.Port, aof);

            Assert.True(run.WaitForExit(TimeSpan.FromSeconds(120)), "the run did not stop after going idle:\n" + StreamTestKit.Text(log));
            await run.WaitForExitAsync();
            var text = StreamTestKit.Text(log);
            Assert.True(run.ExitCode == 0, text);
            Assert.Contains("succeeded again after", text, StringComparison.Ordinal);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"read {day1.Count + day2.Count:N0} "), text, StringComparison.Ordinal);

            var (exit, _, error) = CliRunner.Run("run", jobPath, "--input", Path.Combine(dir, "all.ndjson"), "--output", Path.Combine(dir, "expected.ndjson"));
            Assert.True(exit == 0, error);
            var expected = File.ReadAllLines(Path.Combine(dir, "expected.ndjson"));
            StreamTestKit.AssertSameResults(StreamTestKit.Latest(expected), StreamTestKit.Latest(StreamTestKit.ConsumeAll(servers, "results", partitions: 2)));

            await using var state = await StateConnection.OpenAsync(new StateConnectionOptions { Url = redis.Url });
            await StreamTestKit.AssertLatestValuesAsync(state.Database, expected);
            var last = day2.Last(r => r.Key == "T2" && r.Json.Contains("\"ActivePower\"", StringComparison.Ordinal)).Json;
            var stored = (string?)await state.Database.HashGetAsync(StateKeys.Latest("o1", "T2"), "ActivePower");
            Assert.Contains(last[last.IndexOf("\"time\"", StringComparison.Ordinal)..last.IndexOf(",\"attr\"", StringComparison.Ordinal)], stored, StringComparison.Ordinal);
            var checkpoints = new GarnetPartitionCheckpointStore(state.Database, "points", "o1");
            Assert.Equal(day1.Count + day2.Count, Enumerable.Range(0, 2).Sum(p => checkpoints.Load("outage", p)?.NextOffset ?? 0));
        }
        finally
        {
            redis.Dispose();
        }
    }

    private static async Task WaitForAsync(Process run, System.Text.StringBuilder log, string text)
    {
        var watch = Stopwatch.StartNew();
        while (!StreamTestKit.Text(log).Contains(text, StringComparison.Ordinal))
        {
            Assert.False(run.HasExited, $"the run stopped before '{text}':\n" + StreamTestKit.Text(log));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(90), $"no '{text}' within 90 s:\n" + StreamTestKit.Text(log));
            await Task.Delay(100);
        }
    }
}
