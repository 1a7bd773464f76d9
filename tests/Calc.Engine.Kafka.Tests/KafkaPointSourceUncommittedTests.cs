namespace Calc.Engine.Kafka.Tests;

/// <summary>Separate class (own broker) so that its wait for the group session timeout runs in parallel with the others.</summary>
public sealed class KafkaPointSourceUncommittedTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public void ShouldStartFromTheBeginningWhenNothingWasCommitted()
    {
        var topic = TestKafka.NewTopic(fixture.Broker, partitions: 1);
        KafkaPointSourceGroupTests.ProducePoints(fixture, topic, 3);
        var group = "g-" + Guid.NewGuid().ToString("N");
        using (var first = TestKafka.Source(fixture.Bootstrap, topic, group))
        {
            Assert.Equal(3, TestKafka.ConsumeRecords(first, 3).Count);
        }

        using var second = TestKafka.Source(fixture.Bootstrap, topic, group);

        Assert.Equal([0L, 1L, 2L], TestKafka.ConsumeRecords(second, 3).Select(r => r.Offset));
    }
}
