using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Calc.Engine.Kafka;
using Confluent.Kafka;

namespace Calc.Host.Tests;

/// <summary>
/// Scale-out by consumer group, with a worker killed mid-stream (SIGKILL, no clean shutdown): the
/// surviving worker takes over its partitions from their last checkpoint and the results converge
/// to those of a plain file run.
/// </summary>
public sealed class WorkerFailoverTests
{
    private const string Job = """
        {"id":"failover","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1h"},
         "policies":[{"input":"turbine::ActivePower","aggregation":"avg","output":"turbine::P_1H"},
                     {"input":"turbine::WindSpeed","aggregation":"count","output":"turbine::N_1H"}],
         "source":{"kafka":{"topic":"points"}},"outputs":{"kafka":{"topic":"results","internal":false}}}
        """;

    [Fact]
    public void ShouldLoseNothingWhenOneOfTwoWorkersIsKilled()
    {
        var dir = CliRunner.TempDir();
        var jobPath = Path.Combine(dir, "job.json");
        File.WriteAllText(jobPath, Job);
        var (day1, day2) = StreamTestKit.WindRecords();
        File.WriteAllLines(Path.Combine(dir, "all.ndjson"), day1.Concat(day2).Select(r => r.Json));
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 4);
        broker.CreateTopic("results", 4);

        StreamTestKit.Produce(servers, "points", day1);
        var (a, _) = Worker(jobPath, servers, dir, "a");
        var (b, bLog) = Worker(jobPath, servers, dir, "b");
        WaitForCheckpoints(Path.Combine(dir, "checkpoints"), 4, TimeSpan.FromSeconds(120));
        Thread.Sleep(TimeSpan.FromSeconds(2));
        a.Kill(entireProcessTree: true);
        a.WaitForExit();
        StreamTestKit.Produce(servers, "points", day2);
        Assert.True(b.WaitForExit(TimeSpan.FromSeconds(150)), "worker b did not stop after going idle");

        // The timed wait does not wait for the redirected stderr to be read to its end; this one does.
        b.WaitForExit();
        string log;
        lock (bLog)
        {
            log = bLog.ToString();
        }

        Assert.True(b.ExitCode == 0, log);
        Assert.Contains("restored from its checkpoint", log, StringComparison.Ordinal);

        var (exit, _, error) = CliRunner.Run("run", jobPath, "--input", Path.Combine(dir, "all.ndjson"), "--output", Path.Combine(dir, "expected.ndjson"));
        Assert.True(exit == 0, error);
        var expected = Latest(File.ReadAllLines(Path.Combine(dir, "expected.ndjson")));
        var actual = Latest(StreamTestKit.ConsumeAll(servers, "results"));
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (key, value) in expected)
        {
            Assert.True(actual.TryGetValue(key, out var got), $"missing {key}");
            Assert.Equal(value, got, 9);
        }
    }

    /// <summary>Starts a worker; its stderr is kept in memory (the returned builder, locked while read) and mirrored to NAME.log for diagnosis.</summary>
    private static (Process Process, StringBuilder Log) Worker(string jobPath, string servers, string dir, string name)
    {
        var calc = Path.Combine(AppContext.BaseDirectory, "calc.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { calc, "run", jobPath, "--bootstrap-servers", servers, "--idle-exit", "25s", "--checkpoint-dir", Path.Combine(dir, "checkpoints") },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start)!;
        var log = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); File.WriteAllText(Path.Combine(dir, name + ".log"), log.ToString()); } };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return (process, log);
    }

    /// <summary>Waits until every partition has a checkpoint (both workers are past their first barrier), however slow the machine.</summary>
    private static void WaitForCheckpoints(string directory, int partitions, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!Directory.Exists(directory) || Directory.GetFiles(directory, "*.json").Length < partitions)
        {
            Assert.True(watch.Elapsed < timeout, $"the workers wrote no checkpoint for all {partitions} partitions within {timeout.TotalSeconds} s");
            Thread.Sleep(250);
        }
    }

    /// <summary>Outputs are upserts: the last value per (asset, point, time) is the result.</summary>
    private static Dictionary<string, double> Latest(IEnumerable<string> lines)
    {
        var latest = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var r = JsonDocument.Parse(line).RootElement;
            latest[$"{r.GetProperty("assetId").GetString()}/{r.GetProperty("pointId").GetString()}/{r.GetProperty("time").GetInt64()}"] = r.GetProperty("value").GetDouble();
        }

        return latest;
    }
}
