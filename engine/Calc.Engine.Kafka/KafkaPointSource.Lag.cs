using Confluent.Kafka;

namespace Calc.Engine.Kafka;

public sealed partial class KafkaPointSource
{
    /// <summary>How many partitions the input topic has now (from the brokers' metadata; 0 when unknown).</summary>
    public int PartitionCount(TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var admin = new DependentAdminClientBuilder(_consumer.Handle).Build();
        var metadata = admin.GetMetadata(Topic, timeout);
        return metadata.Topics.Find(t => t.Topic == Topic)?.Partitions.Count ?? 0;
    }

    /// <summary>The offset after the last message of a partition of the input topic (its high watermark), asked of the broker.</summary>
    public long HighWatermark(int partition, TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _consumer.QueryWatermarkOffsets(new TopicPartition(Topic, partition), timeout).High.Value;
    }

    /// <summary>
    /// Consumer lag of every partition this member owns. Uses the high watermarks librdkafka learned from
    /// its fetches and asks the broker (waiting up to <paramref name="timeout"/> per question) only for what it
    /// does not know yet, so a call between batches is cheap once data flows.
    /// </summary>
    public IReadOnlyList<PartitionLag> GetLag(TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var lags = new List<PartitionLag>(_assigned.Count);
        foreach (var partition in _assigned)
        {
            var watermarks = _consumer.GetWatermarkOffsets(partition);
            // Paused, nothing is fetched, so what librdkafka learned goes stale: ask, so the lag shows what waits.
            if (_paused || watermarks is null || watermarks.High == Offset.Unset)
            {
                watermarks = _consumer.QueryWatermarkOffsets(partition, timeout);
            }

            var position = _consumer.Position(partition);
            if (position == Offset.Unset)
            {
                position = Committed(partition, timeout);
            }

            if (position == Offset.Unset)
            {
                position = _resetToLatest ? watermarks.High : watermarks.Low;
            }

            lags.Add(new PartitionLag(partition, position.Value, watermarks.High.Value));
        }

        lags.Sort((a, b) => a.Partition.Partition.Value.CompareTo(b.Partition.Partition.Value));
        return lags;
    }

    /// <summary>
    /// The offset after the last message this consumer returned from a partition of the input topic; null before it
    /// returned any since the partition was assigned (then the start position is what the assignment said).
    /// </summary>
    public long? FetchPosition(int partition)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var position = _consumer.Position(new TopicPartition(Topic, partition));
        return position.Value >= 0 ? position.Value : null;
    }

    /// <summary>The group's committed offset of a partition of the input topic, asked of the coordinator; null when the group has none.</summary>
    public long? CommittedOffset(int partition, TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var committed = Committed(new TopicPartition(Topic, partition), timeout);
        return committed == Offset.Unset ? null : committed.Value;
    }

    private Offset Committed(TopicPartition partition, TimeSpan timeout)
    {
        var committed = _consumer.Committed([partition], timeout);
        return committed.Count == 1 && committed[0].Offset.Value >= 0 ? committed[0].Offset : Offset.Unset;
    }
}
