using System.Text;
using System.Text.Json;
using Calc.Engine.Kafka;

namespace Calc.Engine.Kafka.Tests;

/// <summary>
/// Messages that are not text (invalid UTF-8 inside a string, a lone surrogate escape) used to throw out of the
/// decoder and abort the run; each must become a dead letter with its partition and offset, and the messages
/// after it must be read.
/// </summary>
public sealed class KafkaPoisonMessageTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private static readonly (string? Key, byte[] Value)[] Messages =
    [
        TestKafka.Json("A1", """{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"x","time":1000,"value":2}"""),
        ("A1", Concat("""{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"x","time":1001,"value":""", [0x22, 0xFF, 0x22], "}")),
        TestKafka.Json("A1", """{"orgId":"o1","modelId":"m","assetId":"A\ud800","pointId":"x","time":1002,"value":2}"""),
        TestKafka.Json("A1", """{"orgId":"o1","modelId":"m","assetId":"A1","time":1003,"points":{"\udc01":1}}"""),
        ("A1", Concat("""{"orgId":"o1","modelId":"m","assetId":"A""", [0xFE], "\",\"time\":1004,\"points\":{\"x\":1}}")),
        TestKafka.Json("A1", """{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"x","time":1005,"value":5}"""),
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ShouldDeadLetterMessagesThatAreNotTextWithTheirOffsets(bool deferDecoding)
    {
        var topic = TestKafka.NewTopic(fixture.Broker, partitions: 1, withDeadLetter: true);
        TestKafka.ProduceRaw(fixture.Bootstrap, topic, Messages);
        using var source = new KafkaPointSource(new KafkaPointSourceOptions
        {
            Consumer = TestKafka.Consumer(fixture.Bootstrap, "g-" + Guid.NewGuid().ToString("N")),
            Topic = topic,
            DeferDecoding = deferDecoding,
        });

        var times = new List<(long Time, long Offset)>();
        var deadline = DateTime.UtcNow + TestKafka.Patience;
        while (times.Count < 2 && DateTime.UtcNow < deadline)
        {
            var batch = new PointBatch();
            if (source.TryConsumeBatch(100, TimeSpan.FromMilliseconds(200), batch))
            {
                source.Decode(batch);
                foreach (var p in batch.Records)
                {
                    times.Add((p.Record.Time, p.Offset));
                }
            }
        }

        Assert.Equal([(1000L, 0L), (1005L, 5L)], times);
        Assert.Equal(4, source.DeadLettered);
        var letters = TestKafka.ReadPartition(fixture.Bootstrap, topic + ".dlq", 4).Select(m => JsonDocument.Parse(m.Message.Value).RootElement).ToList();
        Assert.Equal([1L, 2L, 3L, 4L], letters.Select(l => l.GetProperty("offset").GetInt64()));
        Assert.All(letters, l => Assert.Equal(0, l.GetProperty("partition").GetInt32()));
        Assert.Equal(
            [
                "invalid UTF-8 at byte 79: a record must be UTF-8 text",
                "assetId is not valid text: a \\u escape is a lone surrogate",
                "multi-point payload: a string is not valid text",
                "invalid UTF-8 at byte 41: a record must be UTF-8 text",
            ],
            letters.Select(l => Prefix(l.GetProperty("reason").GetString()!)));
        Assert.Equal(Messages[1].Value, letters[0].GetProperty("valueBase64").GetBytesFromBase64());
    }

    private static string Prefix(string reason)
    {
        var cut = reason.IndexOf(" (", StringComparison.Ordinal);
        var colon = reason.StartsWith("multi-point payload: a string", StringComparison.Ordinal) ? reason.IndexOf(": Cannot", StringComparison.Ordinal) : -1;
        return colon > 0 ? reason[..colon] : cut > 0 ? reason[..cut] : reason;
    }

    private static byte[] Concat(string before, byte[] middle, string after) =>
        [.. Encoding.UTF8.GetBytes(before), .. middle, .. Encoding.UTF8.GetBytes(after)];
}
