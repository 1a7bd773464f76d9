using System.Globalization;
using Calc.Engine.Hosting.Runtime;
using Calc.Engine.Kafka;
using Calc.Engine.Metadata;
using Calc.Engine.Runtime;

namespace Calc.Engine.Hosting.Serve;

internal sealed partial class ServedJob
{
    private static readonly TimeSpan OffsetsTimeout = TimeSpan.FromSeconds(10);

    // The replay of the current run (kept for the status after it caught up or ended), its request as stored, and the progress bookkeeping.
    private ReplayStatus? _replayStatus;
    private JobReplay? _replayAsked;
    private IReadOnlyDictionary<int, long>? _replayStarts;
    private long _replayReadBefore;
    private long _replayLastRead;
    private long _replayLastAt;
    private StreamingJobRunner? _replayRunner;

    /// <summary>
    /// A run's options with the job's pending replay (<see cref="MetadataStore.JobReplay"/>) applied: state restarts empty at the
    /// start of the day containing its time, every partition is read from Kafka's offsets-for-times of that instant, records and
    /// outputs dated before it are left out. Without a pending replay, the options as they are.
    /// </summary>
    private StreamingOptions WithPendingReplay(CompiledJob job, StreamingOptions options)
    {
        var asked = context.Store.Use(s => s.JobReplay(Id));
        lock (_gate)
        {
            _replayAsked = asked;
        }

        if (asked is null)
        {
            return options;
        }

        var start = ReplayStart.For(job.Definition, asked.FromMs, out var zones);
        var offsets = ReplayOffsets.ForTime(options.Consumer, options.InputTopic, start, OffsetsTimeout);
        lock (_gate)
        {
            _replayStarts = offsets;
            _replayReadBefore = _replayLastRead = 0;
            _replayLastAt = context.Options.Time.GetTimestamp();
            _replayStatus = new ReplayStatus(Time(asked.FromMs), Time(start), asked.ToMs is { } to ? Time(to) : null, asked.RequestedAt, asked.RequestedBy,
                Checkpointed: false, Reached: null, RecordsPerSecond: 0, Read: 0, Skipped: 0, DroppedOutputs: 0, Remaining: -1, Fraction: 0, CaughtUp: false, Done: false, SecondsToCatchUp: null);
        }

        context.Report($"calc serve: job '{Id}': replay from {Iso(asked.FromMs)} asked by {asked.RequestedBy}: state restarts empty at {Iso(start)}, the start of the day ({string.Join(" / ", zones.Select(z => z.Id))}); "
            + $"reading {options.InputTopic} again from {string.Join(", ", offsets.OrderBy(o => o.Key).Select(o => $"partition {o.Key} @ {o.Value}"))}");
        return options with { Replay = new ReplayOptions { StartOffsets = offsets, FromMs = start, ToMs = asked.ToMs } };
    }

    /// <summary>On the runner's thread at each progress report: the replay's progress, and the stored request forgotten at its first checkpoint.</summary>
    private void ReplayProgress(StreamProgress progress)
    {
        JobReplay? checkpointed = null;
        lock (_gate)
        {
            if (_replayStatus is not { } status || _replayStarts is not { } starts || _replayRunner is not { } runner || runner != _runner)
            {
                return;
            }

            var now = context.Options.Time.GetTimestamp();
            var seconds = context.Options.Time.GetElapsedTime(_replayLastAt, now).TotalSeconds;
            var read = progress.Metrics.Read;
            // Once caught up, a report without new records keeps the rate the replay read at (live data then trickles in).
            var rate = seconds <= 0 || (read == _replayLastRead && progress.ReplayCaughtUp) ? status.RecordsPerSecond : (read - _replayLastRead) / seconds;
            (_replayLastRead, _replayLastAt) = (read, now);
            long done = 0, total = 0;
            foreach (var lag in progress.PartitionLags ?? [])
            {
                var start = starts.TryGetValue(lag.Partition.Partition.Value, out var s) ? s : lag.Position;
                done += Math.Max(0, lag.Position - start);
                total += Math.Max(0, lag.HighWatermark - start);
            }

            var caughtUp = progress.ReplayCaughtUp;
            var remaining = progress.Lag;
            _replayStatus = status with
            {
                Checkpointed = status.Checkpointed || runner.ReplayCheckpointed,
                Reached = progress.OldestWatermarkMs < 0 ? status.Reached : Time(progress.OldestWatermarkMs),
                RecordsPerSecond = Math.Round(rate, 1),
                Read = _replayReadBefore + read,
                Skipped = progress.ReplaySkipped,
                DroppedOutputs = runner.ReplayDroppedOutputs,
                Remaining = remaining,
                Fraction = caughtUp || total == 0 ? (caughtUp ? 1 : status.Fraction) : Math.Round((double)done / total, 4),
                CaughtUp = status.CaughtUp || caughtUp,
                SecondsToCatchUp = caughtUp || remaining <= 0 || rate <= 0 ? null : Math.Round(remaining / rate, 1),
            };
            if (runner.ReplayCheckpointed && _replayAsked is { } asked)
            {
                (checkpointed, _replayAsked) = (asked, null);
            }
        }

        if (checkpointed is not null)
        {
            ForgetReplay(checkpointed);
        }
    }

    /// <summary>After the runner returned: a replay whose checkpoint was committed is forgotten; true when it ended past its <c>to</c> (the job runs on normally).</summary>
    private bool ReplayEnded(StreamingJobRunner runner)
    {
        JobReplay? asked;
        lock (_gate)
        {
            // Past 'to', the stop's checkpoint holds every partition it read: the replay is done even if one partition had nothing to read.
            var committed = runner.ReplayCheckpointed || runner.ReplayReachedTo;
            asked = committed ? _replayAsked : null;
            if (asked is not null)
            {
                _replayAsked = null;
            }

            if (_replayStatus is { } status && committed)
            {
                _replayStatus = status with { Checkpointed = true, Done = runner.ReplayReachedTo, Read = _replayReadBefore + _replayLastRead };
                _replayReadBefore += _replayLastRead;
                _replayLastRead = 0;
            }
        }

        if (asked is not null)
        {
            ForgetReplay(asked);
        }

        return runner.ReplayReachedTo;
    }

    private void ForgetReplay(JobReplay asked)
    {
        try
        {
            context.Store.Use(s => s.ClearJobReplay(asked));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Kept: a restart replays again, which gives the same outputs.
            context.Report($"calc serve: job '{Id}': the replay's checkpoint is committed but its request could not be removed from the store ({ex.Message}); a restart will replay again");
        }
    }

    private static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static string Iso(long ms) => Time(ms).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
