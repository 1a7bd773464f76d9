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
        var (day1, day2) = Records();
        File.WriteAllLines(Path.Combine(dir, "all.ndjson"), day1.Concat(day2).Select(r => r.Json));
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 4);
        broker.CreateTopic("results", 4);

        Produce(servers, day1);
        var (a, _) = Worker(jobPath, servers, dir, "a");
        var (b, bLog) = Worker(jobPath, servers, dir, "b");
        WaitForCheckpoints(Path.Combine(dir, "checkpoints"), 4, TimeSpan.FromSeconds(120));
        Thread.Sleep(TimeSpan.FromSeconds(2));
        a.Kill(entireProcessTree: true);
        a.WaitForExit();
        Produce(servers, day2);
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
        var actual = Latest(ConsumeAll(servers, "results"));
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (key, value) in expected)
        {
            Assert.True(actual.TryGetValue(key, out var got), $"missing {key}");
            Assert.Equal(value, got, 9);
        }
    }

    /// <summary>Two days of the real wind data for eight turbines (the same series scaled per turbine), keyed by asset.</summary>
    private static (List<(string Key, string Json)> Day1, List<(string Key, string Json)> Day2) Records()
    {
        var day1 = new List<(string, string)>();
        var day2 = new List<(string, string)>();
        foreach (var line in File.ReadLines(CliRunner.Fixture("wind-t1-2018-01-01..02.ndjson")))
        {
            JsonElement record;
            try
            {
                record = JsonDocument.Parse(line).RootElement;
            }
            catch (JsonException)
            {
                continue;
            }

            if (!record.TryGetProperty("assetId", out _) || record.GetProperty("pointId").GetString() is not ("ActivePower" or "WindSpeed"))
            {
                continue;
            }

            var time = record.GetProperty("time").GetInt64();
            for (var t = 1; t <= 8; t++)
            {
                var json = $$"""{"orgId":"o1","modelId":"turbine","assetId":"T{{t}}","pointId":"{{record.GetProperty("pointId").GetString()}}","time":{{time}},"value":{{(record.GetProperty("value").GetDouble() * t).ToString("R", System.Globalization.CultureInfo.InvariantCulture)}}}""";
                (time < 1514851200000 ? day1 : day2).Add(("T" + t, json));
            }
        }

        return (day1, day2);
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

    private static void Produce(string servers, List<(string Key, string Json)> records)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = servers, LingerMs = 5 }).Build();
        foreach (var (key, json) in records)
        {
            producer.Produce("points", new Message<string, string> { Key = key, Value = json });
        }

        producer.Flush(TimeSpan.FromSeconds(30));
    }

    private static List<string> ConsumeAll(string servers, string topic) => StreamTestKit.ConsumeAll(servers, topic);

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
