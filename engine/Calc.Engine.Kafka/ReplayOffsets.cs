using Confluent.Kafka;

namespace Calc.Engine.Kafka;

/// <summary>Kafka's offsets-for-times of every partition of a topic, for <see cref="ReplayOptions.StartOffsets"/>.</summary>
public static class ReplayOffsets
{
    /// <summary>
    /// The first offset of each partition whose message timestamp is at or after <paramref name="timeMs"/>
    /// (the partition's end when none is), asked of the brokers without joining the group. When a broker says
    /// "none" but the partition's last message is that late (librdkafka's mock cluster does not look offsets up
    /// by time), the partition is read from its start to the first such message instead.
    /// </summary>
    /// <exception cref="KafkaException">The brokers did not answer within <paramref name="timeout"/>.</exception>
    /// <exception cref="InvalidOperationException">The topic does not exist or has no partitions.</exception>
    public static Dictionary<int, long> ForTime(ConsumerConfig consumer, string topic, long timeMs, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        var config = new ConsumerConfig(consumer.ToDictionary(kv => kv.Key, kv => kv.Value)) { EnableAutoCommit = false, EnablePartitionEof = true };
        using var client = new ConsumerBuilder<Ignore, Ignore>(config).SetLogHandler((_, _) => { }).Build();
        using var admin = new DependentAdminClientBuilder(client.Handle).Build();
        var partitions = admin.GetMetadata(topic, timeout).Topics.Find(t => t.Topic == topic)?.Partitions;
        if (partitions is null || partitions.Count == 0)
        {
            throw new InvalidOperationException($"topic '{topic}' does not exist or has no partitions");
        }

        var query = partitions.Select(p => new TopicPartitionTimestamp(topic, p.PartitionId, new Timestamp(timeMs, TimestampType.CreateTime))).ToList();
        var offsets = new Dictionary<int, long>();
        foreach (var found in client.OffsetsForTimes(query, timeout))
        {
            var partition = found.TopicPartition;
            if (found.Offset.Value >= 0)
            {
                offsets[partition.Partition.Value] = found.Offset.Value;
                continue;
            }

            var marks = client.QueryWatermarkOffsets(partition, timeout);
            offsets[partition.Partition.Value] = marks.High.Value > marks.Low.Value && TimestampAt(client, partition, marks.High.Value - 1, timeout) >= timeMs
                ? Scan(client, partition, marks, timeMs, timeout)
                : marks.High.Value;
        }

        return offsets;
    }

    private static long TimestampAt(IConsumer<Ignore, Ignore> client, TopicPartition partition, long offset, TimeSpan timeout)
    {
        client.Assign(new TopicPartitionOffset(partition, new Offset(offset)));
        var result = Next(client, timeout) ?? throw new KafkaException(new Error(ErrorCode.RequestTimedOut, $"could not read offset {offset} of {partition}"));
        return result.Message.Timestamp.UnixTimestampMs;
    }

    /// <summary>Reads a partition from its start to its first message at or after the time (its end when none is).</summary>
    private static long Scan(IConsumer<Ignore, Ignore> client, TopicPartition partition, WatermarkOffsets marks, long timeMs, TimeSpan timeout)
    {
        client.Assign(new TopicPartitionOffset(partition, marks.Low));
        while (Next(client, timeout) is { } result)
        {
            if (result.Message.Timestamp.UnixTimestampMs >= timeMs)
            {
                return result.Offset.Value;
            }

            if (result.Offset.Value + 1 >= marks.High.Value)
            {
                break;
            }
        }

        return marks.High.Value;
    }

    private static ConsumeResult<Ignore, Ignore>? Next(IConsumer<Ignore, Ignore> client, TimeSpan timeout)
    {
        var result = client.Consume(timeout);
        return result is null || result.IsPartitionEOF ? null : result;
    }
}
