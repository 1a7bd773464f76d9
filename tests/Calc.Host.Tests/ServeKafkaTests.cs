using System.Diagnostics;
using System.Text.Json;
using Calc.Engine.Kafka;
using Confluent.Kafka;

namespace Calc.Host.Tests;

/// <summary>
/// <c>calc serve</c> on an embedded broker: jobs PUT over HTTP run on Kafka and give what a file run
/// gives; a new version restarts the job without losing a record; a job whose plugin throws is failed
/// (the plugin named) while the others run; cancelling stops everything with exit code 0; the output
/// topic is written to the TSDB in-process (<c>--tsdb</c>) with the same values.
/// </summary>
[Collection(DataDirCollection.Name)]
public sealed class ServeKafkaTests : DataDirTest
{
    private const string WindJob = """
        {"id":"wind","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1h"},
         "policies":[{"input":"turbine::ActivePower","aggregation":"avg","output":"turbine::P_1H"},
                     {"input":"turbine::WindSpeed","aggregation":"max","output":"turbine::WS_MAX_1H"}],
         "source":{"kafka":{"topic":"points"}},"outputs":{"kafka":{"topic":"results","internal":false}}}
        """;

    private const string ThrowingJob = """
        {"id":"boom","orgId":"o1","pipeline":[{"op":"test.throwing","params":{"input":"turbine::WindSpeed","output":"turbine::WS","failIn":"process"}}],
         "source":{"kafka":{"topic":"boom-points"}},"outputs":{"kafka":{"topic":"boom-results","internal":false}}}
        """;

    [Fact]
    public async Task ShouldRunStoredJobsOnKafkaLikeAFileRunAcrossANewVersion()
    {
        TestRoot("ThrowingPlugin", "test.throwing/3.1.4");
        var (day1, day2) = Records();
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 4);
        broker.CreateTopic("results", 4);
        broker.CreateTopic("boom-points", 1);
        var tsdb = Path.Combine(Dir, "serve-tsdb.db");
        await using var serve = new ServeHarness(servers, "--tsdb", "sqlite:" + tsdb, "--tsdb-topic", "results");

        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/wind", WindJob)).Status);
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/boom", ThrowingJob)).Status);
        Produce(servers, "points", day1);
        Produce(servers, "boom-points", [day1.First(r => r.Json.Contains("WindSpeed", StringComparison.Ordinal))]);
        await serve.WaitFor("wind", s => s.GetProperty("read").GetInt64() == day1.Count, $"read the {day1.Count} records of day 1");
        var failed = await serve.WaitFor("boom", s => s.GetProperty("state").GetString() == "failed", "failed");
        Assert.Contains("plugin test.throwing 3.1.4", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("boom in process", failed.GetProperty("error").GetString(), StringComparison.Ordinal);

        // Version 2 (a description only, so the same outputs) restarts the job: it drains, commits and resumes from its checkpoint.
        var (status, put) = await serve.Send(HttpMethod.Put, "/jobs/wind", WindJob.Replace("\"orgId\":\"o1\",", "\"orgId\":\"o1\",\"description\":\"v2\",", StringComparison.Ordinal));
        Assert.Equal(200, status);
        Assert.True(put.GetProperty("restarted").GetBoolean());
        Assert.Equal(2, put.GetProperty("version").GetInt32());
        await serve.WaitFor("wind", s => s.GetProperty("state").GetString() == "running" && s.GetProperty("partitions").GetInt32() == 4, "running version 2 on 4 partitions");
        Produce(servers, "points", day2);
        var running = await serve.WaitFor("wind", s => s.GetProperty("read").GetInt64() >= day2.Count, $"read the {day2.Count} records of day 2");
        Assert.Equal(2, running.GetProperty("version").GetInt32());
        var health = (await serve.Send(HttpMethod.Get, "/health")).Body;
        Assert.Equal(2, health.GetProperty("jobs").GetInt32());
        Assert.InRange(health.GetProperty("running").GetInt32(), 1, 2);

        // The failing job is started again after its backoff, and fails again on the record it never committed.
        await serve.WaitFor("boom", s => s.GetProperty("failures").GetInt32() >= 2 && s.GetProperty("state").GetString() == "failed", "failed twice");
        Assert.Equal(0, await serve.StopAsync());
        Assert.Contains("calc serve: stopped", serve.Log, StringComparison.Ordinal);

        var expected = FileRun(day1.Concat(day2));
        var actual = Latest(ConsumeAll(servers, "results"));
        var closed = expected.Where(e => e.Key.Time < day2.Max(r => r.Time) - 3_600_000).ToList();
        Assert.True(closed.Count >= 90, $"only {closed.Count} closed windows expected");
        foreach (var (key, value) in closed)
        {
            Assert.True(actual.TryGetValue(key, out var got), $"no output for {key}");
            Assert.Equal(value, got, 9);
        }

        // What the in-process TSDB writer stored: the same closed windows, read back with calc query.
        Assert.Contains("calc serve: writing the output topic to", serve.Log, StringComparison.Ordinal);
        var stored = new Dictionary<(string Point, long Time), double>();
        foreach (var point in new[] { "P_1H", "WS_MAX_1H" })
        {
            var (exit, output, error) = CliRunner.Run("query", "--db", tsdb, "--asset", "T1", "--point", point, "--format", "json");
            Assert.True(exit == 0, error);
            using var array = JsonDocument.Parse(output);
            foreach (var (key, value) in Latest(array.RootElement.EnumerateArray().Select(r => r.GetRawText())))
            {
                stored[key] = value;
            }
        }

        foreach (var (key, value) in closed)
        {
            Assert.True(stored.TryGetValue(key, out var got), $"not in the TSDB: {key}; log:\n{serve.Log}");
            Assert.Equal(value, got, 9);
        }
    }

    private void TestRoot(string project, string relative)
    {
        var folder = Path.Combine(Dir, "data", "packs", relative);
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(TestPlugin(project)))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
    }

    /// <summary>The valid records of the real wind fixture (two days of turbine T1) with a numeric value, split by day.</summary>
    private static (List<(long Time, string Json)> Day1, List<(long Time, string Json)> Day2) Records()
    {
        var all = StreamTestKit.WindFixture()
            .Where(r => r.GetProperty("value").ValueKind == JsonValueKind.Number)
            .Select(r => (Time: r.GetProperty("time").GetInt64(), Json: r.GetRawText()))
            .ToList();
        return ([.. all.Where(r => r.Time < 1514851200000)], [.. all.Where(r => r.Time >= 1514851200000)]);
    }

    private Dictionary<(string Point, long Time), double> FileRun(IEnumerable<(long Time, string Json)> records)
    {
        var job = Write("wind.json", WindJob);
        var input = Write("all.ndjson", string.Join('\n', records.Select(r => r.Json)) + "\n");
        var (exit, _, error) = CliRunner.Run("run", job, "--input", input, "--output", Path.Combine(Dir, "expected.ndjson"));
        Assert.True(exit == 0, error);
        return Latest(File.ReadAllLines(Path.Combine(Dir, "expected.ndjson")));
    }

    private static void Produce(string servers, string topic, List<(long Time, string Json)> records) =>
        StreamTestKit.Produce(servers, topic, records.Select(r => ("T1", r.Json)));

    /// <summary>Every message of the topic, each partition read up to its end (not up to a quiet period, which a loaded machine can cut short).</summary>
    private static List<string> ConsumeAll(string servers, string topic) => StreamTestKit.ConsumeAll(servers, topic);

    /// <summary>Outputs are upserts: the last value per (point, time) is the result.</summary>
    private static Dictionary<(string Point, long Time), double> Latest(IEnumerable<string> lines)
    {
        var latest = new Dictionary<(string, long), double>();
        foreach (var line in lines)
        {
            var r = JsonDocument.Parse(line).RootElement;
            latest[(r.GetProperty("pointId").GetString()!, r.GetProperty("time").GetInt64())] = r.GetProperty("value").GetDouble();
        }

        return latest;
    }
}
