using Calc.Engine.Kafka;
using Confluent.Kafka;

namespace Calc.Engine.Kafka.Tests;

public sealed class PointBatchTests
{
    [Fact]
    public void ShouldDropRecordsAndOffsetsOfRevokedPartitions()
    {
        var batch = new PointBatch(capacity: 1) { Topic = "t" };
        for (var i = 0; i < 6; i++)
        {
            batch.Add(TestKafka.Point("A", "P", i, i), partition: i % 3, offset: 10 + i);
            batch.Consumed(i % 3, 10 + i, deadLettered: false, skipped: false);
        }

        batch.DropPartitions([new TopicPartition("t", 1)], "t");

        Assert.Equal([(0, 10L), (2, 12L), (0, 13L), (2, 15L)], batch.Records.ToArray().Select(r => (r.Partition, r.Offset)));
        Assert.Equal([(0, 14L), (2, 16L)], batch.NextOffsets.OrderBy(kv => kv.Key.Partition.Value).Select(kv => (kv.Key.Partition.Value, kv.Value)));
        Assert.All(batch.NextOffsets.Keys, k => Assert.Equal("t", k.Topic));
    }

    [Fact]
    public void ShouldMergeNextOffsetsKeepingTheLargest()
    {
        var batch = new PointBatch { Topic = "t" };
        batch.Consumed(0, 4, deadLettered: true, skipped: false);
        batch.Consumed(1, 7, deadLettered: false, skipped: true);
        var pending = new Dictionary<TopicPartition, long> { [new("t", 0)] = 9, [new("t", 1)] = 3 };

        batch.MergeNextOffsetsInto(pending);

        Assert.Equal(9, pending[new("t", 0)]);
        Assert.Equal(8, pending[new("t", 1)]);
        Assert.Equal((2, 1, 1), (batch.Messages, batch.DeadLettered, batch.SkippedOwnJob));
        batch.Clear();
        Assert.True(batch.IsEmpty);
        Assert.Equal(0, batch.Count);
    }
}
