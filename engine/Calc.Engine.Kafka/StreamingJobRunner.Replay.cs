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

    /// <summary>Records this replay skipped because their event time is before <see cref="ReplayOptions.FromMs"/> (0 for a normal run).</summary>
    public long ReplaySkipped => Volatile.Read(ref _replaySkipped);

    /// <summary>Outputs this replay did not write because they are dated before <see cref="ReplayOptions.FromMs"/> (windows that began before it).</summary>
    public long ReplayDroppedOutputs => _replayFloor?.Dropped ?? 0;

    /// <summary>True once a replay with <see cref="ReplayOptions.ToMs"/> stopped because every owned partition was past it or at its end.</summary>
    public bool ReplayReachedTo { get; private set; }

    /// <summary>The replay's start offset of a partition at its first assignment in this run; null otherwise.</summary>
    private long? ReplayStart(int partition)
    {
        if (options.Replay is not { } replay || !replay.StartOffsets.TryGetValue(partition, out var offset) || !_replayStarted.Add(partition))
        {
            return null;
        }

        return offset;
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

    /// <summary>At a tick (lanes idle): every owned partition read a record after <paramref name="toMs"/> or has nothing more to read.</summary>
    private bool ReplayFinished(long toMs)
    {
        if (_lanes.Count == 0)
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

        foreach (var partition in _lanes.Keys)
        {
            if (_replayReached.TryGetValue(partition, out var reached) && reached > toMs)
            {
                continue;
            }

            var atEnd = false;
            foreach (var lag in lags)
            {
                atEnd |= lag.Partition.Partition.Value == partition && lag.Lag == 0;
            }

            if (!atEnd)
            {
                return false;
            }
        }

        return true;
    }

    [LoggerMessage(EventId = 2106, Level = LogLevel.Information, Message = "job {JobId}: replaying partition {Partition} from offset {Offset} with empty state")]
    private static partial void LogReplayStart(ILogger logger, string jobId, int partition, long offset);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Information, Message = "job {JobId}: every partition is past {ToMs} or at its end: replay done, checkpointing and stopping")]
    private static partial void LogReplayDone(ILogger logger, string jobId, long toMs);
}
