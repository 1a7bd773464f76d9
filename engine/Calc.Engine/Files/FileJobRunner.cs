using System.Collections.Concurrent;
using Calc.Engine.Records;
using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Engine.Files;

/// <summary>
/// Runs one job over a bounded NDJSON input exactly as on a stream (SPEC §8 <c>calc run</c>): every
/// line is parsed, rejected with a reason, or processed; at the end every open window and bucket
/// is flushed as final. Reading and parsing run on their own thread, handing batches of records to
/// the lane through a small bounded queue, so the two stages use both cores and memory stays flat.
/// </summary>
public sealed class FileJobRunner(JobInstance lane, RejectedWriter rejected)
{
    private const int BatchSize = 4096;
    private const int QueuedBatches = 8;

    /// <summary>Called with the number of lines read so far, every <see cref="ProgressEvery"/> lines (on the reading thread).</summary>
    public Action<long>? Progress { get; init; }

    public long ProgressEvery { get; init; } = 1_000_000;

    /// <summary>Sees every input record before it is processed (device state, connection status), as <c>StreamingOptions.InputObservers</c> on a stream.</summary>
    public IOutputSink? InputObserver { get; init; }

    /// <summary>Called once every record is processed, just before every open window and bucket is flushed.</summary>
    public Action? Flushing { get; init; }

    public JobMetrics Run(Stream input, CancellationToken cancellation = default)
    {
        using var full = new BlockingCollection<Batch>(QueuedBatches);
        using var empty = new BlockingCollection<Batch>();
        for (var i = 0; i < QueuedBatches + 2; i++)
        {
            empty.Add(new Batch(), CancellationToken.None);
        }

        // The reader stops too when processing fails, instead of waiting on a full queue.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var parser = new Parser(full, empty, rejected, Progress, ProgressEvery);
        var reading = Task.Run(() => parser.ReadAll(input, stop.Token), stop.Token);
        lane.Open();
        var observer = InputObserver;
        try
        {
            foreach (var batch in full.GetConsumingEnumerable(cancellation))
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    observer?.Write(in batch.Records[i]);
                    lane.Process(in batch.Records[i]);
                }

                batch.Count = 0;
                empty.Add(batch, cancellation);
            }

            reading.GetAwaiter().GetResult();
            lane.Metrics.Read += parser.Read;
            lane.Metrics.Rejected += parser.Rejected;
            Flushing?.Invoke();
            lane.FlushAll();
        }
        catch
        {
            stop.Cancel();
            throw;
        }
        finally
        {
            lane.Close();
        }

        return lane.Metrics;
    }

    private sealed class Batch
    {
        public readonly PointRecord[] Records = new PointRecord[BatchSize];
        public int Count;
    }

    private sealed class Parser(BlockingCollection<Batch> full, BlockingCollection<Batch> empty, RejectedWriter rejected, Action<long>? progress, long progressEvery)
        : NdjsonLineReader.ILineHandler
    {
        private readonly PointJsonReader _reader = new();
        private Batch? _current;
        private CancellationToken _cancellation;

        public long Read { get; private set; }

        public long Rejected { get; private set; }

        public void ReadAll(Stream input, CancellationToken cancellation)
        {
            _cancellation = cancellation;
            try
            {
                NdjsonLineReader.ReadAll(input, this, cancellation);
                if (_current is { Count: > 0 })
                {
                    full.Add(_current, cancellation);
                }
            }
            finally
            {
                full.CompleteAdding();
            }
        }

        public void OnLine(ReadOnlySpan<byte> line, long lineNumber)
        {
            if (line.Trim(" \t"u8).IsEmpty)
            {
                return;
            }

            Read++;
            _current ??= empty.Take(_cancellation);
            var result = _reader.TryRead(line, out _current.Records[_current.Count]);
            if (!result.Ok)
            {
                Rejected++;
                rejected.Write(lineNumber, result.Reason!, line);
            }
            else if (++_current.Count == BatchSize)
            {
                full.Add(_current, _cancellation);
                _current = null;
            }

            if (progress is not null && lineNumber % progressEvery == 0)
            {
                progress(lineNumber);
            }
        }
    }
}
