using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;

namespace Calc.Host.Tests;

/// <summary>Real wind data for several turbines, Kafka helpers and child <c>calc</c> processes, for the state and TSDB stream tests.</summary>
internal static class StreamTestKit
{
    /// <summary>Two days of the real wind data (ActivePower, WindSpeed) for <paramref name="turbines"/> turbines (the series scaled per turbine), keyed by asset, in time order.</summary>
    public static (List<(string Key, string Json)> Day1, List<(string Key, string Json)> Day2) WindRecords(int turbines = 8)
    {
        var day1 = new List<(string, string)>();
        var day2 = new List<(string, string)>();
        foreach (var record in WindFixture())
        {
            if (record.GetProperty("pointId").GetString() is not ("ActivePower" or "WindSpeed"))
            {
                continue;
            }

            var time = record.GetProperty("time").GetInt64();
            for (var t = 1; t <= turbines; t++)
            {
                var value = (record.GetProperty("value").GetDouble() * t).ToString("R", CultureInfo.InvariantCulture);
                var json = $$$"""{"orgId":"o1","modelId":"turbine","assetId":"T{{{t}}}","pointId":"{{{record.GetProperty("pointId").GetString()}}}","time":{{{time}}},"value":{{{value}}},"attr":{"siteId":"wf{{{(t + 1) / 2}}}"}}""";
                (time < 1514851200000 ? day1 : day2).Add(("T" + t, json));
            }
        }

        return (day1, day2);
    }

    /// <summary>The wind fixture's records with a numeric value on its first day (2018-01-01 UTC), in file order.</summary>
    public static List<JsonElement> WindDayOne() =>
        [.. WindFixture().Where(r => r.GetProperty("value").ValueKind == JsonValueKind.Number && r.GetProperty("time").GetInt64() < 1514851200000)];

    /// <summary>The wind fixture's point records (its lines that are JSON records with an assetId; the malformed test lines are left out).</summary>
    public static IEnumerable<JsonElement> WindFixture()
    {
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

            if (record.ValueKind == JsonValueKind.Object && record.TryGetProperty("assetId", out _))
            {
                yield return record;
            }
        }
    }

    public static void Produce(string servers, string topic, IEnumerable<(string Key, string Json)> records)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = servers, LingerMs = 5 }).Build();
        foreach (var (key, json) in records)
        {
            producer.Produce(topic, new Message<string, string> { Key = key, Value = json });
        }

        producer.Flush(TimeSpan.FromSeconds(30));
    }

    /// <summary>Every message of a topic: each partition read from the start up to its high watermark (a quiet period could end early on a loaded machine).</summary>
    public static List<string> ConsumeAll(string servers, string topic, int partitions = 4)
    {
        using var consumer = new ConsumerBuilder<Ignore, string>(new ConsumerConfig
        {
            BootstrapServers = servers,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
        }).Build();
        var ends = new Dictionary<int, long>();
        for (var p = 0; p < partitions; p++)
        {
            var high = consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value;
            if (high > 0)
            {
                ends[p] = high;
            }
        }

        consumer.Assign(ends.Keys.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var values = new List<string>();
        var watch = Stopwatch.StartNew();
        while (ends.Count > 0)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"{topic}: partitions {string.Join(", ", ends.Keys)} not read to their end within 60 s");
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result?.Message is null)
            {
                continue;
            }

            values.Add(result.Message.Value);
            if (result.Offset.Value + 1 >= ends.GetValueOrDefault(result.Partition.Value, long.MaxValue))
            {
                ends.Remove(result.Partition.Value);
            }
        }

        return values;
    }

    /// <summary>Outputs are upserts: the last numeric value per (asset, point, time) is the result (connection events left out).</summary>
    public static Dictionary<string, double> Latest(IEnumerable<string> lines)
    {
        var latest = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var r = JsonDocument.Parse(line).RootElement;
            if (r.GetProperty("value").ValueKind == JsonValueKind.Number)
            {
                latest[$"{r.GetProperty("assetId").GetString()}/{r.GetProperty("pointId").GetString()}/{r.GetProperty("time").GetInt64()}"] = r.GetProperty("value").GetDouble();
            }
        }

        return latest;
    }

    public static void AssertSameResults(Dictionary<string, double> expected, Dictionary<string, double> actual)
    {
        Assert.True(expected.Count > 0, "the reference run produced no outputs");
        var extra = actual.Keys.Where(k => !expected.ContainsKey(k)).Take(5).ToList();
        Assert.True(extra.Count == 0, $"{actual.Count} results where {expected.Count} were expected; not expected: {string.Join(", ", extra)}");
        var wrong = expected.Where(e => !actual.TryGetValue(e.Key, out var got) || Math.Abs(e.Value - got) > 1e-9 * Math.Max(1, Math.Abs(e.Value)))
            .Select(e => $"{e.Key}: expected {e.Value}, got {(actual.TryGetValue(e.Key, out var got) ? got : "nothing")}").ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {expected.Count} results differ:\n{string.Join("\n", wrong.Take(12))}");
    }

    /// <summary>Starts <c>calc ARGS</c> as a child process; its stderr is kept in memory (the returned builder, locked while read).</summary>
    /// <summary>Polls <paramref name="condition"/> until it holds; fails when the child calc stopped first or after 60 s.</summary>
    public static async Task WaitFor(Func<Task<bool>> condition, string what, Process process, StringBuilder log)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.False(process.HasExited, $"calc stopped before {what}:\n" + Text(log));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"waited 60 s for {what}:\n" + Text(log));
            await Task.Delay(200);
        }
    }

    public static (Process Process, StringBuilder Log) StartCalc(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "calc.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var log = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return (process, log);
    }

    public static string Text(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }

    /// <summary>The latest value of each output point in the state store is the file run's last value of that point.</summary>
    public static async Task AssertLatestValuesAsync(StackExchange.Redis.IDatabase db, string[] expectedLines)
    {
        var last = new Dictionary<(string Asset, string Point), (long Time, double Value)>();
        foreach (var line in expectedLines)
        {
            var r = JsonDocument.Parse(line).RootElement;
            var key = (r.GetProperty("assetId").GetString()!, r.GetProperty("pointId").GetString()!);
            var time = r.GetProperty("time").GetInt64();
            if (!last.TryGetValue(key, out var seen) || time >= seen.Time)
            {
                last[key] = (time, r.GetProperty("value").GetDouble());
            }
        }

        foreach (var ((asset, point), (time, value)) in last)
        {
            var stored = await db.HashGetAsync(Calc.Engine.State.StateKeys.Latest("o1", asset), point);
            Assert.False(stored.IsNull, $"no latest value of {asset} {point}");
            var json = JsonDocument.Parse(stored.ToString()).RootElement;
            Assert.Equal(time, json.GetProperty("time").GetInt64());
            Assert.True(Math.Abs(value - json.GetProperty("value").GetDouble()) <= 1e-9 * Math.Max(1, Math.Abs(value)), $"{asset} {point}: expected {value}, stored {json}");
        }
    }
}
