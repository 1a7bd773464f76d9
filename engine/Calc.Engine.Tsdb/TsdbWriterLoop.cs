using System.Diagnostics;
using Calc.Engine.Tsdb.Internal;
using Calc.Sdk;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Calc.Engine.Tsdb;

/// <summary>
/// The downstream TSDB writer: takes batches from a source (the Kafka output topic), writes each one
/// and commits it to the source only after the database acknowledged it. While the database is down
/// the same batch is retried with exponential backoff (capped at <see cref="TsdbWriterLoopOptions.MaxBackoff"/>,
/// logged, counted); the source keeps the backlog and the loop catches up once the database answers.
/// No batch is ever dropped. When batches are already waiting (catching up after an outage or a
/// restart), up to <see cref="TsdbWriterLoopOptions.MaxRecordsPerWrite"/> records go in one write; each
/// batch is still committed on its own, in order. The next batch is fetched while the current one is
/// written. The engine does not wait for this loop: it only produces to the source.
/// </summary>
public sealed class TsdbWriterLoop
{
    private readonly ITsdbBatchSource _source;
    private readonly ITsdbWriter _writer;
    private readonly TsdbWriterLoopOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>Creates the loop; nothing runs until <see cref="RunAsync"/>.</summary>
    public TsdbWriterLoop(ITsdbBatchSource source, ITsdbWriter writer, TsdbWriterLoopOptions? options = null,
        ILogger? logger = null, TimeProvider? time = null)
    {
        _source = source;
        _writer = writer;
        _options = options ?? new TsdbWriterLoopOptions();
        var problems = new Calc.Sdk.ProblemList();
        _options.Validate(problems);
        if (!problems.IsEmpty)
        {
            throw new ArgumentException(string.Join("; ", problems.Items), nameof(options));
        }

        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Progress and health.</summary>
    public TsdbWriterLoopStats Stats { get; } = new();

    /// <summary>
    /// Runs until the source ends (returns null) or <paramref name="ct"/> is cancelled; then returns
    /// normally. A batch that was not acknowledged when cancelled is not committed (the source delivers
    /// it again). Exceptions from the source itself propagate.
    /// </summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var group = new List<TsdbBatch>();
        var records = new List<PointRecord>();
        try
        {
            var next = _source.NextAsync(ct).AsTask();
            var ended = false;
            while (!ended && await next.ConfigureAwait(false) is { } first)
            {
                group.Clear();
                group.Add(first);
                var total = first.Records.Count;
                next = _source.NextAsync(ct).AsTask();

                // Catching up (batches already waiting): one database write for several batches.
                while (total < _options.MaxRecordsPerWrite && next.IsCompleted)
                {
                    if (await next.ConfigureAwait(false) is not { } more)
                    {
                        ended = true;
                        break;
                    }

                    group.Add(more);
                    total += more.Records.Count;
                    next = _source.NextAsync(ct).AsTask();
                }

                var write = Records(group, records);
                await WriteUntilAcknowledgedAsync(() => _writer.WriteAsync(write, ct), write.Count, ct).ConfigureAwait(false);
                foreach (var batch in group)
                {
                    _source.Commit(batch);
                    Stats.Committed(batch.Records.Count);
                }
            }

            // The source ended (a bounded input): what the writer held back for a final value is final now.
            await WriteUntilAcknowledgedAsync(() => _writer.CompleteAsync(ct), _writer.Counters.HeldBack, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping: whatever was not acknowledged stays with the source. Held-back provisional values
            // were acknowledged to it already: one attempt to write them (bounded by the request timeout).
            try
            {
                await _writer.CompleteAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                TsdbLog.WriteFailed(_logger, 1, (int)_writer.Counters.HeldBack, TimeSpan.Zero, ex.Message);
            }
        }
    }

    private static IReadOnlyList<PointRecord> Records(List<TsdbBatch> group, List<PointRecord> buffer)
    {
        if (group.Count == 1)
        {
            return group[0].Records;
        }

        buffer.Clear();
        foreach (var batch in group)
        {
            buffer.AddRange(batch.Records);
        }

        return buffer;
    }

    private async Task WriteUntilAcknowledgedAsync(Func<Task> write, long records, CancellationToken ct)
    {
        var failures = 0;
        var firstFailure = 0L;
        while (true)
        {
            try
            {
                await write().ConfigureAwait(false);
                if (failures > 0)
                {
                    Stats.Recovered();
                    TsdbLog.Recovered(_logger, failures, _time.GetElapsedTime(firstFailure));
                }

                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                if (failures == 0)
                {
                    firstFailure = _time.GetTimestamp();
                }

                failures = Stats.Failed(ex);
                var delay = _options.BackoffAfter(failures);
                if (ex is TsdbWriteException { IsRefusal: true })
                {
                    TsdbLog.WriteRefused(_logger, failures, delay, ex.Message);
                }
                else
                {
                    TsdbLog.WriteFailed(_logger, failures, (int)records, delay, ex.Message);
                }

                Debug.Assert(delay > TimeSpan.Zero, "backoff is validated positive");
                await Task.Delay(delay, _time, ct).ConfigureAwait(false);
            }
        }
    }
}
