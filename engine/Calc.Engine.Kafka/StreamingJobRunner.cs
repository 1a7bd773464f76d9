using System.Diagnostics;
using Calc.Engine.Kafka.Internal;
using Calc.Engine.Runtime;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Calc.Engine.Kafka;

/// <summary>
/// Runs a compiled job on a Kafka topic: one lane per assigned partition (records are keyed by
/// asset, so an asset's records stay in order in one lane), outputs to the output topic and extra
/// sinks. At each checkpoint barrier the sinks are flushed (outputs acknowledged), each lane's state
/// is saved with its partition's next offset, and only then are offsets committed — so a crash or a
/// rebalance re-reads at most what came after the last barrier, and outputs, being upserts, converge.
/// The consumer thread fetches and decodes while a second thread runs the lanes (see
/// <see cref="BatchPipeline"/>); barriers, ticks and rebalances first wait for the lanes to be idle.
/// A stop never waits on the lanes for longer than <see cref="StreamingOptions.StopTimeout"/>: a lane
/// stuck on a record (a plugin that loops) is then abandoned — nothing more is committed, so its records
/// wait in Kafka — and <see cref="Run"/> throws <see cref="LanesAbandonedException"/>.
/// </summary>
public sealed partial class StreamingJobRunner(CompiledJob job, StreamingOptions options, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly Dictionary<int, PartitionLane> _lanes = [];
    private readonly Dictionary<TopicPartition, long> _pending = [];
    private readonly JobMetrics _closedMetrics = new();
    private readonly List<long> _watermarks = [];
    private IReadOnlyList<PartitionLag> _partitionLags = [];
    private long _lastCheckpointMs;
    private long _firstRecordAt;
    private long _lastProcessedAt;
    private KafkaPointSink? _output;
    private KafkaPointSink? _writeBack;
    private IOutputSink _sink = null!;
    private AbandonableSink _guard = null!;
    private CancellationToken _stopping;
    private CancellationTokenSource _deadline = null!;
    private volatile int _currentPartition = -1;
    private long _currentOffset = -1;
    private KafkaPointSource _source = null!;
    private BatchPipeline _pipeline = null!;
    private bool _assigned;
    private bool _paused;
    private CheckpointOrigin? _origin;
    private string? _writeBackTopic;

    /// <summary>
    /// From the first record read to the end of processing the last, once <see cref="Run"/> returned (null
    /// when none was read): the time records flowed, without the wait for the first one and the idle time
    /// before an idle exit.
    /// </summary>
    public TimeSpan? RecordsFlowed { get; private set; }

    /// <summary>Consumes until cancelled (then drains and checkpoints) or, with <see cref="StreamingOptions.IdleExit"/>, until idle.</summary>
    /// <exception cref="GroupPartitionsException">A replay of a job with a group step on a topic with more than one partition.</exception>
    /// <exception cref="LanesAbandonedException">Stopping, a lane stayed busy on one batch for longer than <see cref="StreamingOptions.StopTimeout"/>.</exception>
    public JobMetrics Run(CancellationToken cancellation)
    {
        StartRepartition();
        try
        {
            return Stream(cancellation);
        }
        finally
        {
            StopRepartition();
        }
    }

    private JobMetrics Stream(CancellationToken cancellation)
    {
        // Once stopping, the lanes get StopTimeout to finish what they hold (this token fires then).
        using var deadline = new CancellationTokenSource(Timeout.InfiniteTimeSpan, options.Time);
        _deadline = deadline;
        _stopping = cancellation;
        using var stopping = cancellation.Register(() => deadline.CancelAfter(options.StopTimeout));
        var sinks = new List<IOutputSink>();
        using var output = new KafkaPointSink(new KafkaPointSinkOptions { Producer = options.Producer, Topic = options.OutputTopic, JobId = job.Definition.Id }, _logger);
        sinks.Add(output);
        _output = output;
        var inputTopic = _writeBackTopic ?? options.InputTopic;
        using var writeBack = options.WriteBackToInput && inputTopic != options.OutputTopic
            ? new KafkaPointSink(new KafkaPointSinkOptions { Producer = options.Producer, Topic = inputTopic, JobId = job.Definition.Id }, _logger)
            : null;
        if (writeBack is not null)
        {
            _writeBack = writeBack;
            sinks.Add(writeBack);
        }

        sinks.AddRange(options.ExtraSinks);
        IOutputSink all = new CompositeSink(sinks);
        if (options.Replay is { } replay)
        {
            _replayFloor = new ReplayFloorSink(all, replay.FromMs);
            all = _replayFloor;
        }

        _guard = new AbandonableSink(all);
        _sink = _guard;
        using var source = new KafkaPointSource(new KafkaPointSourceOptions { Consumer = options.Consumer, Topic = options.InputTopic, JobId = job.Definition.Id, DeferDecoding = true }, _logger);
        _source = source;
        using var pipeline = new BatchPipeline(Process, options.BatchSize, "calc-lanes-" + job.Definition.Id, options.Time);
        _pipeline = pipeline;
        source.PartitionsAssigned += OnAssigned;
        source.PartitionsRevoked += OnRevoked;
        Loop(cancellation);
        source.Close();
        DrainLanes();
        pipeline.ThrowIfFailed();
        var last = Volatile.Read(ref _lastProcessedAt);
        RecordsFlowed = _firstRecordAt == 0 || last < _firstRecordAt ? null : Stopwatch.GetElapsedTime(_firstRecordAt, last);
        return Metrics();
    }

    private void Loop(CancellationToken cancellation)
    {
        var watch = Stopwatch.StartNew();
        var lastRecord = watch.Elapsed;
        var lastBarrier = watch.Elapsed;
        var lastTick = watch.Elapsed;
        while (!cancellation.IsCancellationRequested)
        {
            if (options.Pause is { } pause)
            {
                if (pause.IsPaused != _paused)
                {
                    Toggle(pause.IsPaused);
                    lastRecord = watch.Elapsed;
                }

                if (pause.Pending)
                {
                    pause.Applied(_paused);
                }
            }

            if (_pipeline.Rent(cancellation) is not { } batch)
            {
                break; // stopping while every batch is in the lanes: the barrier below waits for them, bounded
            }

            if (_source.TryConsumeBatch(options.BatchSize, TimeSpan.FromMilliseconds(200), batch))
            {
                _pipeline.Submit(batch);
                lastRecord = watch.Elapsed;
                if (_firstRecordAt == 0)
                {
                    _firstRecordAt = Stopwatch.GetTimestamp();
                }
            }
            else
            {
                _pipeline.Return(batch);
            }

            if (_assigned)
            {
                // Idleness counts from the (re)assignment: a restarted worker that waited for the group
                // must not stop before reading what its partitions hold.
                _assigned = false;
                lastRecord = watch.Elapsed;
                if (_paused)
                {
                    _source.PauseAll();
                }
            }

            if (watch.Elapsed - lastTick >= TimeSpan.FromSeconds(1))
            {
                lastTick = watch.Elapsed;
                DrainLanes();
                _pipeline.ThrowIfFailed();
                foreach (var lane in _lanes.Values)
                {
                    lane.Instance.Tick();
                }

                if (options.Progress is { } progress)
                {
                    var lag = Lag();
                    var (worst, p99, oldest) = EventLag();
                    progress(new StreamProgress(Metrics(), _source.DeadLettered, _lanes.Count, lag, watch.Elapsed, _partitionLags, worst, p99, _lastCheckpointMs,
                        _output!.Failed + (_writeBack?.Failed ?? 0), oldest, ReplaySkipped, ReplayCaughtUp));
                }

                if (options.Replay is { } replay && ReplayTick(replay.ToMs))
                {
                    LogReplayDone(_logger, job.Definition.Id, replay.ToMs!.Value);
                    ReplayReachedTo = true;
                    Barrier();
                    return;
                }
            }

            if (options.IdleExit is { } idle && !_paused && watch.Elapsed - lastRecord >= idle && _lanes.Count > 0)
            {
                LogIdleExit(_logger, job.Definition.Id, idle.TotalSeconds);
                DrainLanes();
                _pipeline.ThrowIfFailed();
                foreach (var lane in _lanes.Values)
                {
                    lane.Instance.FlushAll();
                }

                Barrier();
                return;
            }

            if (watch.Elapsed - lastBarrier >= options.CheckpointInterval)
            {
                lastBarrier = watch.Elapsed;
                Barrier();
            }
        }

        Barrier();
    }

    /// <summary>
    /// Pausing commits what was processed (outputs acknowledged, checkpoint, offsets) and stops fetching;
    /// the lanes keep their state. Resuming fetches on from the next unprocessed record.
    /// </summary>
    private void Toggle(bool pause)
    {
        _paused = pause;
        if (pause)
        {
            DrainLanes();
            _pipeline.ThrowIfFailed();
            Barrier();
            _source.PauseAll();
            LogPaused(_logger, job.Definition.Id, "paused: offsets committed, state kept, fetching stopped");
        }
        else
        {
            _source.ResumeAll();
            LogPaused(_logger, job.Definition.Id, "resumed");
        }
    }

    /// <summary>Runs a batch through the lanes (on the pipeline's thread).</summary>
    private void Process(PointBatch batch)
    {
        // Until the first record of this batch reaches a lane, a stall names no record (not the last batch's).
        _currentPartition = -1;
        Volatile.Write(ref _currentOffset, -1);
        _source.Decode(batch);
        var observers = options.InputObservers;
        foreach (ref readonly var item in batch.Records)
        {
            if (_guard.IsAbandoned)
            {
                return; // given up while stuck on the record before: the rest is read again by the next run
            }

            if (!_lanes.TryGetValue(item.Partition, out var lane))
            {
                continue;
            }

            _currentPartition = item.Partition;
            Volatile.Write(ref _currentOffset, item.Offset);
            var record = item.Record;
            if (RepartitionTopic is not null && !Fresh(lane, in item))
            {
                continue;
            }

            if (options.Replay is { } replay && SkipForReplay(replay, item.Partition, record.Time))
            {
                continue;
            }

            lane.Instance.Metrics.Read++;
            for (var i = 0; i < observers.Count; i++)
            {
                observers[i].Write(in record);
            }

            lane.Instance.Process(in record);
        }

        batch.MergeNextOffsetsInto(_pending);
        Volatile.Write(ref _lastProcessedAt, Stopwatch.GetTimestamp());
        if (options.BatchLatency is { } latency && batch.OldestTimestampMs != long.MaxValue)
        {
            latency((options.Clock.NowMs - batch.OldestTimestampMs) / 1000.0);
        }
    }

    /// <summary>Lanes idle → outputs acknowledged → state saved with offsets → offsets committed.</summary>
    private void Barrier()
    {
        DrainLanes();
        if (_pipeline.IsAbandoned)
        {
            return; // nothing past the last commit may be committed: the stuck lane's records wait in Kafka
        }

        _sink.Flush();
        foreach (var observer in options.InputObservers)
        {
            observer.Flush();
        }

        if (options.Checkpoints is { } store)
        {
            foreach (var (partition, lane) in _lanes)
            {
                if (_pending.TryGetValue(new TopicPartition(options.InputTopic, partition), out var next))
                {
                    store.Save(job.Definition.Id, partition, new PartitionCheckpoint(next, lane.StateJson(), options.Clock.NowMs, Origin()));
                }
            }
        }

        if (_pending.Count > 0)
        {
            _source.Commit(_pending);
            foreach (var committed in _pending.Keys)
            {
                NoteReplaySaved(committed.Partition.Value);
            }

            _pending.Clear();
        }

        _lastCheckpointMs = options.Clock.NowMs;
        NoteReplayCheckpointed();
    }

    /// <summary>Wall clock minus the assets' watermarks: the worst and the 99th percentile (ms), and the oldest watermark, at a tick (lanes idle); -1 before any record.</summary>
    private (long Worst, long P99, long Oldest) EventLag()
    {
        _watermarks.Clear();
        foreach (var lane in _lanes.Values)
        {
            lane.Instance.CollectWatermarks(_watermarks);
        }

        if (_watermarks.Count == 0)
        {
            return (-1, -1, -1);
        }

        _watermarks.Sort();
        var now = options.Clock.NowMs;
        // The 99th percentile of the lag is the 1st percentile of the watermarks (nearest rank).
        var rank = (int)Math.Ceiling(0.01 * _watermarks.Count) - 1;
        return (now - _watermarks[0], now - _watermarks[Math.Max(0, rank)], _watermarks[0]);
    }

    /// <summary>Consumer lag for progress reports: informational, so a slow broker answer never fails the job (-1 = unknown).</summary>
    private long Lag()
    {
        try
        {
            long lag = 0;
            var lags = _source.GetLag(TimeSpan.FromMilliseconds(50));
            foreach (var p in lags)
            {
                lag += Math.Max(0, p.Lag);
            }

            _partitionLags = lags;
            return lag;
        }
        catch (KafkaException)
        {
            _partitionLags = [];
            return -1;
        }
    }

    private JobMetrics Metrics()
    {
        var total = _closedMetrics.Snapshot();
        foreach (var lane in _lanes.Values)
        {
            total.Add(lane.Instance.Metrics);
        }

        // Malformed messages never reach a lane: they are rejected into the dead-letter topic.
        total.Read += _source.DeadLettered;
        total.Rejected += _source.DeadLettered;
        return total;
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "job {JobId}: no new records for {Seconds} s, flushing and stopping")]
    private static partial void LogIdleExit(ILogger logger, string jobId, double seconds);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "job {JobId}: {What}")]
    private static partial void LogPaused(ILogger logger, string jobId, string what);
}
