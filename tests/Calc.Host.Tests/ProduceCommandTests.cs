using System.Diagnostics;
using System.Text.Json;
using Calc.Engine.Kafka;
using Confluent.Kafka;

namespace Calc.Host.Tests;

/// <summary><c>calc produce</c>: the real wind fixture (with its malformed lines) into a topic, keyed by asset, lines unchanged.</summary>
[Collection(DataDirCollection.Name)]
public sealed class ProduceCommandTests : DataDirTest
{
    [Fact]
    public void ShouldProduceEveryPointRecordKeyedByItsAssetAndRejectTheRestWithTheirLine()
    {
        var fixture = CliRunner.Fixture("wind-t1-2018-01-01..02.ndjson");
        var lines = File.ReadAllLines(fixture);
        var valid = StreamTestKit.WindFixture().Count();
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 4);
        var rejected = Path.Combine(Dir, "bad.ndjson");

        var (exit, _, error) = CliRunner.Run("produce", fixture, "--topic", "points", "--bootstrap-servers", servers, "--rejected", rejected);

        Assert.True(exit == 0, error);
        Assert.Contains($"calc produce: {valid:N0} records to points on {servers}", error, StringComparison.Ordinal);
        var bad = File.ReadAllLines(rejected);
        Assert.Equal(lines.Count(l => l.Trim().Length > 0) - valid, bad.Length);
        Assert.All(bad, b => Assert.True(JsonDocument.Parse(b).RootElement.TryGetProperty("line", out _), b));

        var messages = ReadAll(servers, "points");
        Assert.Equal(valid, messages.Count);
        Assert.All(messages, m => Assert.Equal(JsonDocument.Parse(m.Value).RootElement.GetProperty("assetId").GetString(), m.Key));
        var original = lines.ToHashSet(StringComparer.Ordinal);
        Assert.All(messages, m => Assert.Contains(m.Value, original));
    }

    [Fact]
    public void ShouldRefuseWithoutATopicOrKafka()
    {
        var (exit, _, error) = CliRunner.Run("produce", CliRunner.Fixture("wind-t1-2018-01-01..02.ndjson"));

        Assert.Equal(2, exit);
        Assert.Contains("no Kafka: give --bootstrap-servers HOST:PORT or set kafka.bootstrapServers", error, StringComparison.Ordinal);
        Assert.Contains("usage: calc produce FILE|- --topic TOPIC", error, StringComparison.Ordinal);
    }

    private static List<(string Key, string Value)> ReadAll(string servers, string topic)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = servers, GroupId = "reader-" + Guid.NewGuid().ToString("N"), EnableAutoCommit = false }).Build();
        var ends = Enumerable.Range(0, 4).ToDictionary(p => p, p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value);
        consumer.Assign(ends.Where(e => e.Value > 0).Select(e => new TopicPartitionOffset(topic, e.Key, Offset.Beginning)));
        var total = ends.Values.Sum();
        var messages = new List<(string, string)>();
        var watch = Stopwatch.StartNew();
        while (messages.Count < total)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"{messages.Count} of {total} read within 60 s");
            if (consumer.Consume(TimeSpan.FromMilliseconds(200))?.Message is { } message)
            {
                messages.Add((message.Key, message.Value));
            }
        }

        return messages;
    }
}
