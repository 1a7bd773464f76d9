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

    public JobMetrics Run(Stream input, CancellationToken cancellation = default)
    {
        using var full = new BlockingCollection<Batch>(QueuedBatches);
        using var empty = new BlockingCollection<Batch>();
        for (var i = 0; i < QueuedBatches + 2; i++)
        {
            empty.Add(new Batch(), CancellationToken.None);
        }

        var parser = new Parser(full, empty, rejected, Progress, ProgressEvery);
        var reading = Task.Run(() => parser.ReadAll(input, cancellation), cancellation);
        lane.Open();
        try
        {
            foreach (var batch in full.GetConsumingEnumerable(cancellation))
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    lane.Process(in batch.Records[i]);
                }

                batch.Count = 0;
                empty.Add(batch, cancellation);
            }

            reading.GetAwaiter().GetResult();
            lane.Metrics.Read += parser.Read;
            lane.Metrics.Rejected += parser.Rejected;
            lane.FlushAll();
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
