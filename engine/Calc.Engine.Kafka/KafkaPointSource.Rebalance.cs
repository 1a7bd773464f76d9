using Calc.Engine.Kafka.Internal;
using Confluent.Kafka;

namespace Calc.Engine.Kafka;

public sealed partial class KafkaPointSource
{
    private readonly HashSet<TopicPartition> _assigned = [];
    private bool _paused;

    /// <summary>Raised (on the driving thread) after partitions were assigned to this member.</summary>
    public event EventHandler<PartitionsChangedEventArgs>? PartitionsAssigned;

    /// <summary>
    /// Raised (on the driving thread) before partitions are given up. The handler flushes the outputs of
    /// what it processed from them and calls <see cref="Commit"/> (which still works for them until the
    /// handler returns), then drops them from its pending offsets. Records of these partitions in the batch
    /// being filled are removed from it first: their next owner reads them again. When
    /// <see cref="PartitionsChangedEventArgs.Lost"/> is true, nothing can be committed for them.
    /// </summary>
    public event EventHandler<PartitionsChangedEventArgs>? PartitionsRevoked;

    /// <summary>The partitions this member owns now.</summary>
    public IReadOnlyCollection<TopicPartition> Assignment => _assigned;

    /// <summary>Stops fetching from every partition this member owns (it stays in the group); what was fetched but not returned is fetched again on <see cref="ResumeAll"/>.</summary>
    public void PauseAll()
    {
        _consumer.Pause(_assigned);
        _paused = true;
    }

    /// <summary>Fetches again from every owned partition, from the position after the last record returned.</summary>
    public void ResumeAll()
    {
        _consumer.Resume(_assigned);
        _paused = false;
    }

    private List<TopicPartitionOffset> OnAssigned(IConsumer<Ignore, DecodeOutcome> consumer, List<TopicPartition> partitions)
    {
        _assigned.UnionWith(partitions);
        KafkaLog.Rebalance(_logger, "assigned", Topic, Describe(partitions));
        var args = new PartitionsChangedEventArgs(partitions, lost: false);
        PartitionsAssigned?.Invoke(this, args);
        var start = new List<TopicPartitionOffset>(partitions.Count);
        foreach (var p in partitions)
        {
            start.Add(args.StartOffsets.TryGetValue(p.Partition.Value, out var offset)
                ? new TopicPartitionOffset(p, new Offset(offset))
                : new TopicPartitionOffset(p, Offset.Unset));
        }

        return start;
    }

    private void OnRevoked(List<TopicPartitionOffset> partitions, bool lost)
    {
        var revoked = new List<TopicPartition>(partitions.Count);
        foreach (var p in partitions)
        {
            revoked.Add(p.TopicPartition);
        }

        _filling?.DropPartitions(revoked, Topic);
        if (lost)
        {
            _assigned.ExceptWith(revoked);
        }

        KafkaLog.Rebalance(_logger, lost ? "lost" : "revoked", Topic, Describe(revoked));
        try
        {
            PartitionsRevoked?.Invoke(this, new PartitionsChangedEventArgs(revoked, lost));
        }
        finally
        {
            _assigned.ExceptWith(revoked);
        }
    }

    private static string Describe(List<TopicPartition> partitions)
    {
        var numbers = new List<int>(partitions.Count);
        foreach (var p in partitions)
        {
            numbers.Add(p.Partition.Value);
        }

        numbers.Sort();
        return "[" + string.Join(",", numbers) + "]";
    }
}
