using Confluent.Kafka;

namespace Calc.Engine.Kafka;

/// <summary>Partitions given to or taken from a <see cref="KafkaPointSource"/> by a group rebalance.</summary>
public sealed class PartitionsChangedEventArgs(IReadOnlyList<TopicPartition> partitions, bool lost) : EventArgs
{
    /// <summary>The partitions assigned or revoked.</summary>
    public IReadOnlyList<TopicPartition> Partitions { get; } = partitions;

    /// <summary>
    /// True when the partitions were lost (the session expired): another member may own them already, so
    /// nothing can be committed for them (<see cref="KafkaPointSource.Commit"/> skips them).
    /// </summary>
    public bool Lost { get; } = lost;

    /// <summary>
    /// For assignments: where to start reading each partition (offset by partition number), filled by
    /// handlers that restored a checkpoint. Partitions left out start at their committed offset.
    /// </summary>
    public Dictionary<int, long> StartOffsets { get; } = [];
}
