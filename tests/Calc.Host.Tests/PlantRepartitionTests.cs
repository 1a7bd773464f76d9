using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Calc.Engine.Kafka;
using Confluent.Kafka;

namespace Calc.Host.Tests;

/// <summary>
/// A group job on a topic with several partitions: the real PV plant's 22 inverters, keyed by asset, spread
/// over 4 partitions, so the plant's members reach different partitions and workers. Its records are re-keyed
/// by plant through the repartition topic; with 1, 2 or 3 <c>calc run</c> workers, and with a worker killed
/// mid-stream (SIGKILL) and replaced, the outputs equal those of a file run of the same job.
/// </summary>
public sealed class PlantRepartitionTests
{
    private const int Partitions = 4;
    private static readonly long May16 = DateTimeOffset.Parse("2020-05-16T00:00:00+05:30", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    private const string Job = """
        {"id":"plant-kafka","orgId":"o1","pipeline":[
          {"op":"template","template":"energy-by-meter-reading","settings":{"timeZone":"Asia/Kolkata"},
           "policies":[{"input":"inverter::TOTAL_YIELD","dailyOutput":"inverter::ENERGY_DAY"}]},
          {"op":"template","template":"asset-group-aggregation",
           "settings":{"groupBy":"parent","window":"15m","latency":"1d","groupModel":"plant"},
           "policies":[
             {"input":"inverter::AC_POWER","memberAggregation":"avg","groupAggregation":"sum","output":"plant::AC_POWER_15M"},
             {"input":"inverter::AC_POWER","memberAggregation":"count","groupAggregation":"count","output":"plant::REPORTING"},
             {"input":"inverter::ENERGY_DAY","memberAggregation":"last","groupAggregation":"sum","output":"plant::ENERGY"}]}
        ],
         "source":{"kafka":{"topic":"points"}},"outputs":{"kafka":{"topic":"results","internal":false}}}
        """;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ShouldGiveTheOutputsOfAFileRunWithAnyNumberOfWorkers(int workers)
    {
        var (dir, jobPath, records) = Setup();
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", Partitions);
        broker.CreateTopic("results", Partitions);
        broker.CreateTopic("plant-kafka-group-repartition", Partitions); // the embedded broker cannot create topics through the admin API
        StreamTestKit.Produce(servers, "points", records);
        AssertPlantSpansPartitions(servers);

        var started = Enumerable.Range(0, workers).Select(i => Worker(jobPath, servers, dir, "w" + i)).ToList();
        foreach (var (process, log) in started)
        {
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(240)), "a worker did not stop after going idle");
            process.WaitForExit();
            lock (log)
            {
                Assert.True(process.ExitCode == 0, log.ToString());
            }
        }

        Assert.Contains(started, w => Text(w.Log).Contains("re-keyed by group through 'plant-kafka-group-repartition'", StringComparison.Ordinal));
        AssertSameAsFileRun(dir, jobPath, servers);
    }

    [Fact]
    public void ShouldGiveTheOutputsOfAFileRunWhenAWorkerIsKilled()
    {
        var (dir, jobPath, records) = Setup();
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", Partitions);
        broker.CreateTopic("results", Partitions);
        broker.CreateTopic("plant-kafka-group-repartition", Partitions); // the embedded broker cannot create topics through the admin API
        var day1 = records.Where(r => Time(r.Json) < May16).ToList();
        StreamTestKit.Produce(servers, "points", day1);

        // One worker owns every partition, so the one killed holds the plant's group; its replacement restores it.
        var (a, _) = Worker(jobPath, servers, dir, "a");
        WaitForCheckpoints(Path.Combine(dir, "checkpoints"), 1, TimeSpan.FromSeconds(120));
        Thread.Sleep(TimeSpan.FromSeconds(2));
        a.Kill(entireProcessTree: true);
        a.WaitForExit();
        StreamTestKit.Produce(servers, "points", records.Where(r => Time(r.Json) >= May16));
        var (b, bLog) = Worker(jobPath, servers, dir, "b");
        Assert.True(b.WaitForExit(TimeSpan.FromSeconds(240)), "worker b did not stop after going idle");
        b.WaitForExit();
        var log = Text(bLog);
        Assert.True(b.ExitCode == 0, log);
        Assert.Contains("restored from its checkpoint", log, StringComparison.Ordinal);
        AssertSameAsFileRun(dir, jobPath, servers);
    }

    private static (string Dir, string JobPath, List<(string Key, string Json)> Records) Setup()
    {
        var dir = CliRunner.TempDir();
        var jobPath = Path.Combine(dir, "job.json");
        File.WriteAllText(jobPath, Job);
        var records = File.ReadLines(CliRunner.Fixture("solar-plant1-3days.ndjson"))
            .Select(l => (JsonDocument.Parse(l).RootElement.GetProperty("assetId").GetString()!, l))
            .ToList();
        return (dir, jobPath, records);
    }

    private static void AssertSameAsFileRun(string dir, string jobPath, string servers)
    {
        var (exit, _, error) = CliRunner.Run("run", jobPath, "--input", CliRunner.Fixture("solar-plant1-3days.ndjson"), "--output", Path.Combine(dir, "expected.ndjson"), "--assets", CliRunner.Fixture("solar-plant1-assets.json"));
        Assert.True(exit == 0, error);
        var expected = StreamTestKit.Latest(File.ReadAllLines(Path.Combine(dir, "expected.ndjson")));
        var actual = StreamTestKit.Latest(StreamTestKit.ConsumeAll(servers, "results", Partitions));
        Assert.Equal(278, expected.Keys.Count(k => k.StartsWith("PLANT1/AC_POWER_15M/", StringComparison.Ordinal))); // 3 days of 15 minutes, less the fixture's gaps
        Assert.Contains(expected, e => e.Key.StartsWith("PLANT1/REPORTING/", StringComparison.Ordinal) && e.Value == 22);
        Assert.Equal(137_473, expected["PLANT1/ENERGY/1589481000000"], 9); // Σ of the inverters' daily energies of 15 May (PlantGroupRealDataTests)
        StreamTestKit.AssertSameResults(expected, actual);
    }

    /// <summary>The plant's inverters are on more than one partition of the input topic (else nothing would need re-keying).</summary>
    private static void AssertPlantSpansPartitions(string servers)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = servers, GroupId = "probe-" + Guid.NewGuid().ToString("N"), EnableAutoCommit = false }).Build();
        var partitions = new HashSet<int>();
        for (var p = 0; p < Partitions; p++)
        {
            var tp = new TopicPartition("points", p);
            if (consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High.Value == 0)
            {
                continue;
            }

            consumer.Assign(new TopicPartitionOffset(tp, Offset.Beginning));
            var first = consumer.Consume(TimeSpan.FromSeconds(10));
            if (first?.Message.Value.Contains("\"inverter\"", StringComparison.Ordinal) == true)
            {
                partitions.Add(p);
            }
        }

        Assert.True(partitions.Count >= 2, $"the inverters are on {partitions.Count} partition(s)");
    }

    private static long Time(string json) => JsonDocument.Parse(json).RootElement.GetProperty("time").GetInt64();

    private static string Text(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }

    /// <summary>Starts a worker; its stderr is kept in memory (the returned builder, locked while read) and mirrored to NAME.log for diagnosis.</summary>
    private static (Process Process, StringBuilder Log) Worker(string jobPath, string servers, string dir, string name)
    {
        var calc = Path.Combine(AppContext.BaseDirectory, "calc.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { calc, "run", jobPath, "--bootstrap-servers", servers, "--idle-exit", "20s", "--checkpoint-dir", Path.Combine(dir, "checkpoints"), "--assets", CliRunner.Fixture("solar-plant1-assets.json") },
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

    /// <summary>Waits for a checkpoint of <paramref name="partitions"/> partitions (only partitions of the repartition topic that received records have one).</summary>
    private static void WaitForCheckpoints(string directory, int partitions, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!Directory.Exists(directory) || Directory.GetFiles(directory, "*.json").Length < partitions)
        {
            Assert.True(watch.Elapsed < timeout, $"the workers wrote no checkpoint for all {partitions} partitions within {timeout.TotalSeconds} s");
            Thread.Sleep(250);
        }
    }
}
