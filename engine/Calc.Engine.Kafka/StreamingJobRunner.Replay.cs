using Calc.Engine.Kafka.Internal;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Calc.Engine.Kafka;

public sealed partial class StreamingJobRunner
{
    // Partitions whose replay start was applied in this run: a later assignment (a rebalance) restores the replay's own checkpoint.
    private readonly HashSet<int> _replayStarted = [];

    // The latest event time read per partition since the replay started (for ReplayOptions.ToMs); written by the lanes' thread, read at ticks once they are idle.
    private readonly Dictionary<int, long> _replayReached = [];
    private long _replaySkipped;
    private ReplayFloorSink? _replayFloor;
    private volatile bool _replayCaughtUp;
    private bool _replayMembersChecked;

    /// <summary>Records this replay skipped because their event time is before <see cref="ReplayOptions.FromMs"/> (0 for a normal run).</summary>
    public long ReplaySkipped => Volatile.Read(ref _replaySkipped);

    /// <summary>Outputs this replay did not write because they are dated before <see cref="ReplayOptions.FromMs"/> (windows that began before it).</summary>
    public long ReplayDroppedOutputs => _replayFloor?.Dropped ?? 0;

    /// <summary>
    /// True once every owned partition of a replay had nothing more to read: from then on the run is the live job. Records
    /// and outputs dated before <see cref="ReplayOptions.FromMs"/> stay left out (late data for days the replay's state
    /// never held would be computed from only themselves).
    /// </summary>
    public bool ReplayCaughtUp => _replayCaughtUp;

    /// <summary>True once a replay with <see cref="ReplayOptions.ToMs"/> stopped because every owned partition was past it or at its end.</summary>
    public bool ReplayReachedTo { get; private set; }

    /// <summary>
    /// True once a checkpoint of the replay was committed for every partition it started (a partition it read nothing of
    /// counts once the replay caught up): from then on the job's checkpoints and offsets are the replay's, and a restart
    /// continues from them rather than replaying again.
    /// </summary>
    public bool ReplayCheckpointed => _replayCheckpointed;

    private readonly HashSet<int> _replaySaved = [];
    private volatile bool _replayCheckpointed;

    private void NoteReplaySaved(int partition)
    {
        if (options.Replay is not null && _replayStarted.Contains(partition))
        {
            _replaySaved.Add(partition);
        }
    }

    private void NoteReplayCheckpointed()
    {
        if (options.Replay is null || _replayCheckpointed || _replayStarted.Count == 0)
        {
            return;
        }

        foreach (var partition in _replayStarted)
        {
            if (!_replaySaved.Contains(partition) && !_replayCaughtUp)
            {
                return;
            }
        }

        _replayCheckpointed = true;
    }

    /// <summary>The replay's start offset of a partition at its first assignment in this run; null otherwise.</summary>
    private long? ReplayStart(int partition)
    {
        if (options.Replay is not { } replay || !replay.StartOffsets.TryGetValue(partition, out var offset) || !_replayStarted.Add(partition))
        {
            return null;
        }

        return offset;
    }

    /// <summary>At the replay's first assignment: refuses to go on when other members of the group own partitions.</summary>
    private void RefuseSharedReplay()
    {
        if (options.Replay is null || _replayMembersChecked)
        {
            return;
        }

        _replayMembersChecked = true;
        var total = Origin().Partitions;
        var owned = _source.Assignment.Count;
        if (total > 0 && owned < total)
        {
            foreach (var lane in _lanes.Values)
            {
                lane.Instance.Close();
            }

            _lanes.Clear();
            throw new ReplayGroupInUseException($"job '{job.Definition.Id}': the consumer group '{options.Consumer.GroupId}' has other members (this replay was given {owned} of the {total} partitions of '{options.InputTopic}'): "
                + "the job still runs. Stop it (its calc run, or calc serve's job) and replay again; nothing was committed");
        }
    }

    /// <summary>On the lanes' thread: notes how far the partition got and says whether the record is before the replay's start.</summary>
    private bool SkipForReplay(ReplayOptions replay, int partition, long time)
    {
        if (!_replayReached.TryGetValue(partition, out var reached) || time > reached)
        {
            _replayReached[partition] = time;
        }

        if (time >= replay.FromMs)
        {
            return false;
        }

        Volatile.Write(ref _replaySkipped, _replaySkipped + 1);
        return true;
    }

    /// <summary>
    /// At a tick (lanes idle): notes when every owned partition has nothing more to read (the replay caught up), and says whether every owned partition read a record after <paramref name="toMs"/> or has nothing more to read.
    /// </summary>
    private bool ReplayTick(long? toMs)
    {
        if (_lanes.Count == 0 || (toMs is null && _replayCaughtUp))
        {
            return false;
        }

        IReadOnlyList<PartitionLag> lags;
        try
        {
            lags = _source.GetLag(TimeSpan.FromSeconds(1));
        }
        catch (KafkaException)
        {
            return false; // asked again at the next tick
        }

        var allAtEnd = true;
        var allPast = true;
        var starts = options.Replay!.StartOffsets;
        foreach (var partition in _lanes.Keys)
        {
            var atEnd = false;
            foreach (var lag in lags)
            {
                if (lag.Partition.Partition.Value == partition)
                {
                    // Not the lag's own position: before the first fetch it falls back to the group's old committed offset.
                    var position = _source.FetchPosition(partition) ?? (starts.TryGetValue(partition, out var start) ? start : lag.Position);
                    atEnd = position >= lag.HighWatermark;
                }
            }

            allAtEnd &= atEnd;
            allPast &= atEnd || (toMs is { } to && _replayReached.TryGetValue(partition, out var reached) && reached > to);
        }

        if (allAtEnd && !_replayCaughtUp)
        {
            _replayCaughtUp = true;
            LogReplayCaughtUp(_logger, job.Definition.Id);
        }

        return toMs is not null && allPast;
    }

    [LoggerMessage(EventId = 2106, Level = LogLevel.Information, Message = "job {JobId}: replaying partition {Partition} from offset {Offset} with empty state")]
    private static partial void LogReplayStart(ILogger logger, string jobId, int partition, long offset);

    [LoggerMessage(EventId = 2108, Level = LogLevel.Information, Message = "job {JobId}: replay caught up with every partition: running as the live job")]
    private static partial void LogReplayCaughtUp(ILogger logger, string jobId);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Information, Message = "job {JobId}: every partition is past {ToMs} or at its end: replay done, checkpointing and stopping")]
    private static partial void LogReplayDone(ILogger logger, string jobId, long toMs);
}
