using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Calc.Engine.Kafka;
using Confluent.Kafka;

namespace Calc.Host.Tests;

/// <summary>
/// <c>calc produce --from-tsdb</c>: the energy a file run of the real wind data stored in the embedded TSDB goes
/// back into Kafka as point records keyed by asset, in time order, with exactly the stored values of the range.
/// </summary>
[Collection(DataDirCollection.Name)]
public sealed class ProduceFromTsdbTests : DataDirTest
{
    private const long Jan1 = 1_514_764_800_000; // 2018-01-01T00:00:00Z

    private const string Job = """
        {"id":"tsdb-back","orgId":"o1","pipeline":[
          {"op":"template","template":"time-window-aggregation","settings":{"window":"1h"},
           "policies":[{"input":"turbine::ActivePower","aggregation":"avg","output":"turbine::P_1H"}]},
          {"op":"template","template":"energy-by-instant-power","settings":{"timeZone":"UTC","detailInterval":"1h","maxGap":"1h"},
           "policies":[{"input":"turbine::ActivePower","dailyOutput":"turbine::ENERGY_DAY","detailOutput":"turbine::ENERGY_1H"}]}],
         "outputs":{"tsdb":true}}
        """;

    [Fact]
    public void ShouldProduceTheStoredPointsOfTheRangeKeyedByAssetInTimeOrder()
    {
        var (day1, day2) = StreamTestKit.WindRecords(turbines: 3);
        var job = Write("job.json", Job);
        var input = Write("in.ndjson", string.Join('\n', day1.Concat(day2).Select(r => r.Json)));
        var output = Path.Combine(Dir, "out.ndjson");
        var data = Path.Combine(Dir, "data");
        var (exit, _, error) = CliRunner.Run("run", job, "--input", input, "--output", output, "--tsdb", "sqlite:" + Path.Combine(data, "tsdb.db"));
        Assert.True(exit == 0, error);
        // The range: 2018-01-01T06:00Z to 2018-01-02T06:00Z, energy points only (P_1H is stored too, and left out).
        var (from, to) = (Jan1 + (6 * 3_600_000), Jan1 + (30 * 3_600_000));
        var expected = StreamTestKit.Latest(File.ReadLines(output).Where(l => l.Contains("\"ENERGY_", StringComparison.Ordinal)))
            .Where(e => Time(e.Key) >= from && Time(e.Key) < to).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("history", 2);

        (exit, _, error) = CliRunner.Run("produce", "--from-tsdb", data, "--points", "turbine::ENERGY_*", "--from", "2018-01-01T06:00:00Z", "--to", "2018-01-02T06:00:00Z",
            "--topic", "history", "--bootstrap-servers", servers);

        Assert.True(exit == 0, error);
        Assert.Contains($"calc produce: {expected.Count:N0} points from {Path.Combine(data, "tsdb.db")} to history on {servers}", error, StringComparison.Ordinal);
        var messages = Messages(servers, "history");
        Assert.Equal(expected.Count, messages.Count);
        Assert.All(messages, m => Assert.Equal(JsonDocument.Parse(m.Value).RootElement.GetProperty("assetId").GetString(), m.Key));
        StreamTestKit.AssertSameResults(expected, StreamTestKit.Latest(messages.Select(m => m.Value)));
        foreach (var partition in messages.GroupBy(m => m.Partition))
        {
            var times = partition.OrderBy(m => m.Offset).Select(m => JsonDocument.Parse(m.Value).RootElement.GetProperty("time").GetInt64()).ToList();
            Assert.True(times.SequenceEqual(times.Order()), $"partition {partition.Key} is not in time order");
        }
    }

    [Fact]
    public void ShouldListEveryProblemOfTheArgumentsAndRefuseADatabaseUrl()
    {
        var (exit, _, error) = CliRunner.Run("produce", "--from-tsdb", "http://127.0.0.1:8428", "--points", "turbine", "--from", "soon", "--bootstrap-servers", "127.0.0.1:1");

        Assert.Equal(2, exit);
        Assert.Contains("calc produce: --from-tsdb http://127.0.0.1:8428: only the embedded store (a data directory or its tsdb.db) can be read back", error, StringComparison.Ordinal);
        Assert.Contains("'turbine' is not a storage pattern", error, StringComparison.Ordinal);
        Assert.Contains("calc produce: --from 'soon' is not a time", error, StringComparison.Ordinal);
        Assert.Contains("calc produce: --topic TOPIC is required", error, StringComparison.Ordinal);
        Assert.Contains("calc produce --from-tsdb DIR|FILE --points", error, StringComparison.Ordinal);
    }

    private static long Time(string key) => long.Parse(key[(key.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);

    private static List<(int Partition, long Offset, string Key, string Value)> Messages(string servers, string topic)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = servers, GroupId = "reader-" + Guid.NewGuid().ToString("N"), EnableAutoCommit = false }).Build();
        var ends = Enumerable.Range(0, 2).ToDictionary(p => p, p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value);
        consumer.Assign(ends.Where(e => e.Value > 0).Select(e => new TopicPartitionOffset(topic, e.Key, Offset.Beginning)));
        var total = ends.Values.Sum();
        var messages = new List<(int, long, string, string)>();
        var watch = Stopwatch.StartNew();
        while (messages.Count < total)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"{messages.Count} of {total} read within 60 s");
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: not null } result)
            {
                messages.Add((result.Partition.Value, result.Offset.Value, result.Message.Key, result.Message.Value));
            }
        }

        return messages;
    }
}
