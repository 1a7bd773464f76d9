using System.Text.Json;
using Calc.Engine.Kafka;
using Calc.Sdk;

namespace Calc.Engine.Kafka.Tests;

public sealed class KafkaPointSourceDecodingTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public void ShouldSplitMultiPointPayloadIntoPointRecords()
    {
        var topic = TestKafka.NewTopic(fixture.Broker, partitions: 1);
        TestKafka.ProduceRaw(fixture.Bootstrap, topic, TestKafka.Json("INV01",
            """{"orgId":"o1","modelId":"inverter","assetId":"INV01","time":1589500800000,"points":{"A":1.2,"B":{"value":3.4,"quality":9},"C":"run"},"attr":{"siteId":"plant1"}}"""));
        using var source = TestKafka.Source(fixture.Bootstrap, topic, "g-" + Guid.NewGuid().ToString("N"));

        var read = TestKafka.ConsumeRecords(source, 3);

        Assert.Equal(["A", "B", "C"], read.Select(r => r.Record.PointId));
        Assert.All(read, r => Assert.Equal(("o1", "inverter", "INV01", 1589500800000L, 0L), (r.Record.OrgId, r.Record.ModelId, r.Record.AssetId, r.Record.Time, r.Offset)));
        Assert.Equal([PointValue.FromNumber(1.2), PointValue.FromNumber(3.4), PointValue.FromString("run")], read.Select(r => r.Record.Value));
        Assert.Equal([0, 9, 0], read.Select(r => r.Record.Quality));
        Assert.All(read, r => Assert.Equal("""{"siteId":"plant1"}""", r.Record.Attr!.ToString()));
        Assert.Equal(1, source.MessagesConsumed);
        Assert.Equal(3, source.RecordsDecoded);
    }

    [Fact]
    public void ShouldDeadLetterMalformedMessagesAndKeepConsuming()
    {
        var topic = TestKafka.NewTopic(fixture.Broker, partitions: 1, withDeadLetter: true);
        byte[] notUtf8 = [0xff, 0xfe, 0x01];
        TestKafka.ProduceRaw(fixture.Bootstrap, topic,
            TestKafka.Json("INV01", """{"orgId":"o1","modelId":"m","assetId":"INV01","pointId":"P","time":1,"value":1}"""),
            TestKafka.Json("INV01", """{"orgId":"o1","modelId":"m","assetId":"INV01","pointId":"P","time":2"""),
            ("INV01", notUtf8),
            TestKafka.Json("INV01", """{"orgId":"o1","modelId":"m","assetId":"INV01","time":3,"points":{"A":[1]}}"""),
            TestKafka.Json("INV01", """{"orgId":"o1","modelId":"m","assetId":"INV01","pointId":"P","time":4,"value":4}"""));
        using var source = TestKafka.Source(fixture.Bootstrap, topic, "g-" + Guid.NewGuid().ToString("N"));
        var pending = new Dictionary<Confluent.Kafka.TopicPartition, long>();

        var read = TestKafka.ConsumeRecords(source, 2, pending);
        source.Commit(pending);

        Assert.Equal([(1L, 0L), (4L, 4L)], read.Select(r => (r.Record.Time, r.Offset)));
        Assert.Equal(3, source.DeadLettered);
        Assert.Equal(5, pending[new(topic, 0)]);
        var letters = TestKafka.ReadPartition(fixture.Bootstrap, topic + ".dlq", 3)
            .Select(m => JsonDocument.Parse(m.Message.Value).RootElement).ToList();
        Assert.Equal(3, letters.Count);
        Assert.Equal([1L, 2L, 3L], letters.Select(l => l.GetProperty("offset").GetInt64()));
        Assert.All(letters, l => Assert.Equal((topic, 0), (l.GetProperty("topic").GetString(), l.GetProperty("partition").GetInt32())));
        Assert.StartsWith("invalid JSON", letters[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("""{"orgId":"o1","modelId":"m","assetId":"INV01","pointId":"P","time":2""", letters[0].GetProperty("value").GetString());
        Assert.Equal(notUtf8, letters[1].GetProperty("valueBase64").GetBytesFromBase64());
        Assert.Equal("multi-point payload: points.A: value must be a number, string, boolean or null", letters[2].GetProperty("reason").GetString());
    }

    [Fact]
    public void ShouldOnlyCopyMessages_WhenDecodingIsDeferred_AndDecodeThemLaterIntoRecordsAndDeadLetters()
    {
        var topic = TestKafka.NewTopic(fixture.Broker, partitions: 1, withDeadLetter: true);
        TestKafka.ProduceRaw(fixture.Bootstrap, topic,
            TestKafka.Json("INV01", """{"orgId":"o1","modelId":"m","assetId":"INV01","pointId":"P","time":1,"value":1}"""),
            TestKafka.Json("INV01", """{"orgId":"o1","modelId":"m","assetId":"INV01","pointId":"P","time":2"""),
            TestKafka.Json("INV01", """{"orgId":"o1","modelId":"m","assetId":"INV01","time":3,"points":{"A":3,"B":4}}"""),
            ("INV01", []));
        using var source = new KafkaPointSource(new KafkaPointSourceOptions
        {
            Consumer = TestKafka.Consumer(fixture.Bootstrap, "g-" + Guid.NewGuid().ToString("N")),
            Topic = topic,
            DeferDecoding = true,
        });
        var records = new List<SourcedPoint>();
        var (copied, deadLettered) = (0, 0);
        var deadline = DateTime.UtcNow + TestKafka.Patience;
        while (copied < 4 && DateTime.UtcNow < deadline)
        {
            // The four messages may come in more than one fetch: each batch holds copies only, until decoded.
            var batch = new PointBatch();
            if (!source.TryConsumeBatch(100, TimeSpan.FromMilliseconds(200), batch))
            {
                continue;
            }

            Assert.Equal(0, batch.Count);
            Assert.True(batch.RawCount > 0);
            copied += batch.RawCount;
            source.Decode(batch);
            Assert.Equal(0, batch.RawCount);
            records.AddRange(batch.Records.ToArray());
            deadLettered += batch.DeadLettered;
        }

        Assert.Equal([(1L, "P", 0L), (3L, "A", 2L), (3L, "B", 2L)], records.Select(r => (r.Record.Time, r.Record.PointId, r.Offset)));
        Assert.Equal((4, 2, 2L), (copied, deadLettered, source.DeadLettered));
        var letters = TestKafka.ReadPartition(fixture.Bootstrap, topic + ".dlq", 2).Select(m => JsonDocument.Parse(m.Message.Value).RootElement).ToList();
        Assert.Equal([1L, 3L], letters.Select(l => l.GetProperty("offset").GetInt64()));
        Assert.StartsWith("empty message value", letters[1].GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldSkipRecordsProducedByTheSameJob()
    {
        var topic = TestKafka.NewTopic(fixture.Broker, partitions: 1);
        using (var sink = new KafkaPointSink(new KafkaPointSinkOptions { Producer = TestKafka.Producer(fixture.Bootstrap), Topic = topic, JobId = "job-a" }))
        {
            sink.Write(TestKafka.Point("INV01", "OWN", 1, 1));
            sink.Flush();
        }

        using (var other = new KafkaPointSink(new KafkaPointSinkOptions { Producer = TestKafka.Producer(fixture.Bootstrap), Topic = topic, JobId = "job-b" }))
        {
            other.Write(TestKafka.Point("INV01", "FROM_B", 2, 2));
            other.Flush();
        }

        using var source = TestKafka.Source(fixture.Bootstrap, topic, "g-" + Guid.NewGuid().ToString("N"), jobId: "job-a");

        var read = TestKafka.ConsumeRecords(source, 1);

        Assert.Equal(("FROM_B", 1L), (read[0].Record.PointId, read[0].Offset));
        Assert.Equal(1, source.SkippedOwnJob);
        Assert.Equal(2, source.MessagesConsumed);
    }
}
