using Calc.Engine.Runtime;

namespace Calc.Engine.Kafka;

/// <summary>Taking over a partition: never from half a state.</summary>
public sealed partial class StreamingJobRunner
{
    private bool _warnedShared;

    /// <summary>
    /// A partition without a checkpoint whose group committed an offset: another member (on another machine, with
    /// another store) or an earlier run processed up to there and kept the state. A stateful job started there with
    /// empty state would emit windows computed from part of their records, so it is refused unless
    /// <see cref="StreamingOptions.AcceptEmptyState"/>. A stateless job, or a group without a commit, starts as usual.
    /// </summary>
    /// <returns>The refusal to throw, or null when the partition may start.</returns>
    private MissingCheckpointException? EmptyStateRefusal(IPartitionCheckpointStore store, int partition, JobInstance lane)
    {
        if (options.AcceptEmptyState || !lane.HoldsState || _source.CommittedOffset(partition, TimeSpan.FromSeconds(10)) is not { } committed)
        {
            return null;
        }

        var id = job.Definition.Id;
        var where = store.Location(id, partition);
        var copy = store.IsLocal ? $"copy {where} from the machine that last ran this partition" : $"restore the checkpoint into {where}";
        return new MissingCheckpointException(
            $"job '{id}': partition {partition} of '{options.InputTopic}' has committed offset {committed} in group '{options.Consumer.GroupId}' but no checkpoint in {where} "
            + "(it was kept on another machine or in another store, or deleted): not started with empty state, which would emit windows computed from part of their records. "
            + $"Use a checkpoint store every worker shares (--state redis://HOST:PORT on each), or {copy}, "
            + "or rebuild from the start of the topic with a new consumer group (--group NAME, or the job's source.kafka.group), "
            + $"or accept empty state from offset {committed} (calc run --accept-empty-state)");
    }

    /// <summary>Once: this member owns only part of the topic and its checkpoints are local, so a member on another machine could not restore them.</summary>
    private void WarnIfShared()
    {
        if (_warnedShared || options.Warning is not { } warn || options.Checkpoints is not { IsLocal: true })
        {
            return;
        }

        var total = Origin().Partitions;
        var owned = _source.Assignment.Count;
        if (total > 0 && owned < total)
        {
            _warnedShared = true;
            warn($"job '{job.Definition.Id}': this worker owns {owned} of the {total} partitions of '{options.InputTopic}' (group '{options.Consumer.GroupId}' has other members), "
                + "and its checkpoints are local to this machine: if the group's members run on several machines, use a shared Garnet/Redis on every worker (--state redis://HOST:PORT)");
        }
    }
}
