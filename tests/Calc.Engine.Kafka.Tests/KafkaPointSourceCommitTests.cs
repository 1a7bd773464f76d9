using Confluent.Kafka;

namespace Calc.Engine.Kafka.Tests;

/// <summary>Separate class (own broker) so that its wait for the group session timeout runs in parallel with the others.</summary>
public sealed class KafkaPointSourceCommitTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public void ShouldResumeFromTheLastCommitNotFromWhatWasConsumed()
    {
        var topic = TestKafka.NewTopic(fixture.Broker, partitions: 1);
        KafkaPointSourceGroupTests.ProducePoints(fixture, topic, 10);
        var group = "g-" + Guid.NewGuid().ToString("N");
        using (var first = TestKafka.Source(fixture.Bootstrap, topic, group))
        {
            var read = TestKafka.ConsumeRecords(first, 10);
            Assert.Equal(10, read.Count);
            first.Commit(new Dictionary<TopicPartition, long> { [new(topic, 0)] = read[3].Offset + 1 });
        }

        using var second = TestKafka.Source(fixture.Bootstrap, topic, group);
        var resumed = TestKafka.ConsumeRecords(second, 6);

        Assert.Equal([4L, 5L, 6L, 7L, 8L, 9L], resumed.Select(r => r.Offset));
        Assert.Equal([4L, 5L, 6L, 7L, 8L, 9L], resumed.Select(r => r.Record.Time));
    }
}
