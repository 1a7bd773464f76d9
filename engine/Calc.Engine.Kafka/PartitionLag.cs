using Confluent.Kafka;

namespace Calc.Engine.Kafka;

/// <summary>How far a consumer is behind on one partition.</summary>
/// <param name="Partition">The topic partition.</param>
/// <param name="Position">The next offset this consumer will read (committed offset, or the reset point, before the first message).</param>
/// <param name="HighWatermark">The offset the next produced message will get.</param>
public readonly record struct PartitionLag(TopicPartition Partition, long Position, long HighWatermark)
{
    /// <summary>Messages not yet read: <c>HighWatermark - Position</c>, never negative.</summary>
    public long Lag => Math.Max(0, HighWatermark - Position);
}
