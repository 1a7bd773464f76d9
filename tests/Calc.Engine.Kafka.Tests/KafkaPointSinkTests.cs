using System.Text;
using Calc.Engine.Kafka;
using Calc.Sdk;

namespace Calc.Engine.Kafka.Tests;

public sealed class KafkaPointSinkTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public void ShouldRoundTripRecordsFromSinkToSource()
    {
        var topic = TestKafka.NewTopic(fixture.Broker, partitions: 1);
        PointRecord[] written =
        [
            TestKafka.Point("INV01", "AC_POWER", 1589500800000, 22.98),
            TestKafka.Point("INV02", "STATE", 1589500800001, 0) with
            {
                Value = PointValue.FromString("on"),
                Quality = 3,
                Attr = PointAttributes.Parse("""{"siteId":"plant1"}"""),
            },
            TestKafka.Point("INV01", "TRIP", 1589500800002, 0) with { Value = PointValue.FromBool(true) },
            TestKafka.Point("INV03", "ENERGY_DAY", 1589500800003, 0) with { Value = PointValue.Null, CalMode = CalMode.Final },
        ];
        using (var sink = new KafkaPointSink(new KafkaPointSinkOptions { Producer = TestKafka.Producer(fixture.Bootstrap), Topic = topic, JobId = "job-a" }))
        {
            foreach (var record in written)
            {
                sink.Write(record);
            }

            sink.Flush();
            Assert.Equal(4, sink.Delivered);
        }

        using var source = TestKafka.Source(fixture.Bootstrap, topic, "g-" + Guid.NewGuid().ToString("N"));
        var read = TestKafka.ConsumeRecords(source, 4);

        Assert.Equal([0L, 1L, 2L, 3L], read.Select(r => r.Offset));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(written[i] with { Attr = null }, read[i].Record with { Attr = null });
        }

        Assert.Equal("""{"siteId":"plant1"}""", read[1].Record.Attr!.ToString());
        Assert.Equal(("INV03", "ENERGY_DAY", 1589500800003L, PointValue.Null), (read[3].Record.AssetId, read[3].Record.PointId, read[3].Record.Time, read[3].Record.Value));
        Assert.Equal("""{"calMode":"final"}""", read[3].Record.Attr!.ToString());
    }

    [Fact]
    public void ShouldKeyByAssetAndTagWithTheJob()
    {
        var topic = TestKafka.NewTopic(fixture.Broker, partitions: 1);
        using (var sink = new KafkaPointSink(new KafkaPointSinkOptions { Producer = TestKafka.Producer(fixture.Bootstrap), Topic = topic, JobId = "job-a" }))
        {
            sink.Write(TestKafka.Point("INV07", "AC_POWER", 1000, 1.5));
            sink.Flush();
        }

        var message = Assert.Single(TestKafka.ReadPartition(fixture.Bootstrap, topic, 1)).Message;

        Assert.Equal("INV07", message.Key);
        Assert.Equal("""{"orgId":"o1","modelId":"inverter","assetId":"INV07","pointId":"AC_POWER","time":1000,"value":1.5}""", message.Value);
        Assert.True(message.Headers.TryGetLastBytes(CalcKafkaHeaders.Job, out var job));
        Assert.Equal("job-a", Encoding.UTF8.GetString(job));
    }

    [Fact]
    public void ShouldThrowFromFlushWhenRecordsCannotBeDelivered()
    {
        var producer = TestKafka.Producer("127.0.0.1:1");
        producer.MessageTimeoutMs = 1000;
        using var sink = new KafkaPointSink(new KafkaPointSinkOptions { Producer = producer, Topic = "calc-test-unreachable" });
        sink.Write(TestKafka.Point("INV01", "AC_POWER", 1, 1));
        sink.Write(TestKafka.Point("INV01", "AC_POWER", 2, 2));

        var first = Assert.Throws<KafkaDeliveryException>(sink.Flush);
        var second = Assert.Throws<KafkaDeliveryException>(sink.Flush);

        Assert.Equal(2, first.FailedCount);
        Assert.Equal(2, sink.Failed);
        Assert.Equal(0, sink.Delivered);
        Assert.Contains("2 record(s) could not be delivered to Kafka topic 'calc-test-unreachable'", first.Message, StringComparison.Ordinal);
        Assert.Equal(first.Message, second.Message);
    }
}
