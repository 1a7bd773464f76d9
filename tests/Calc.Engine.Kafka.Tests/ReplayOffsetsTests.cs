using Calc.Engine.Kafka;
using Confluent.Kafka;

namespace Calc.Engine.Kafka.Tests;

/// <summary><see cref="ReplayOffsets.ForTime"/>: Kafka's offsets-for-times on every partition, the end where nothing is that late.</summary>
public sealed class ReplayOffsetsTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private const long T0 = 1_514_764_800_000; // 2018-01-01T00:00:00Z

    [Fact]
    public void ShouldGiveEachPartitionsFirstOffsetAtOrAfterTheTimeAndItsEndWhenNoneIs()
    {
        var topic = TestKafka.NewTopic(fixture.Broker, 3);
        using (var producer = new ProducerBuilder<string, string>(TestKafka.Producer(fixture.Bootstrap)).Build())
        {
            // Partition 0: messages at T0, T0+1h, T0+2h, T0+3h; partition 1: T0 and T0+1h only; partition 2: empty.
            for (var hour = 0; hour < 4; hour++)
            {
                producer.Produce(new TopicPartition(topic, 0), new Message<string, string> { Key = "a", Value = "{}", Timestamp = new Timestamp(T0 + (hour * 3_600_000), TimestampType.CreateTime) });
            }

            for (var hour = 0; hour < 2; hour++)
            {
                producer.Produce(new TopicPartition(topic, 1), new Message<string, string> { Key = "b", Value = "{}", Timestamp = new Timestamp(T0 + (hour * 3_600_000), TimestampType.CreateTime) });
            }

            producer.Flush(TestKafka.Patience);
        }

        var config = TestKafka.Consumer(fixture.Bootstrap, "replay-" + Guid.NewGuid().ToString("N"));

        Assert.Equal(new Dictionary<int, long> { [0] = 2, [1] = 2, [2] = 0 }, ReplayOffsets.ForTime(config, topic, T0 + 7_200_000, TestKafka.Patience));
        Assert.Equal(new Dictionary<int, long> { [0] = 3, [1] = 2, [2] = 0 }, ReplayOffsets.ForTime(config, topic, T0 + 7_200_001, TestKafka.Patience));
        Assert.Equal(new Dictionary<int, long> { [0] = 0, [1] = 0, [2] = 0 }, ReplayOffsets.ForTime(config, topic, T0 - 1, TestKafka.Patience));
    }

    [Fact]
    public void ShouldRefuseATopicThatDoesNotExist()
    {
        var config = TestKafka.Consumer(fixture.Bootstrap, "replay-" + Guid.NewGuid().ToString("N"));
        config.AllowAutoCreateTopics = false;

        var error = Assert.ThrowsAny<Exception>(() => ReplayOffsets.ForTime(config, "calc-test-missing-" + Guid.NewGuid().ToString("N"), T0, TimeSpan.FromSeconds(5)));

        Assert.True(error is InvalidOperationException or KafkaException, error.ToString());
    }
}
