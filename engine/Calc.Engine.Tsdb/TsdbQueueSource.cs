using System.Threading.Channels;
using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Engine.Tsdb;

/// <summary>
/// An in-process source for the <see cref="TsdbWriterLoop"/> when there is no Kafka between the engine
/// and the TSDB (<c>calc demo</c>, tests): the engine writes outputs to it as an <see cref="IOutputSink"/>
/// without ever waiting for the database; records are handed to the loop in batches at
/// <see cref="Flush"/> or every <c>maxBatchSize</c> records. The queue is unbounded and held in
/// memory only: while the database is down it grows, and what it holds is lost if the process stops
/// (Kafka is the durable backlog in production).
/// </summary>
public sealed class TsdbQueueSource : ITsdbBatchSource, IOutputSink
{
    /// <summary>Default records per batch.</summary>
    public const int DefaultMaxBatchSize = 10_000;

    private readonly Channel<TsdbBatch> _batches = Channel.CreateUnbounded<TsdbBatch>(
        new UnboundedChannelOptions { SingleReader = true });

    private readonly int _maxBatchSize;
    private readonly Lock _gate = new();
    private readonly object _acknowledgedGate = new();
    private List<PointRecord> _current;
    private long _pending;
    private long _written;
    private long _acknowledged;

    /// <summary>Creates an empty queue.</summary>
    public TsdbQueueSource(int maxBatchSize = DefaultMaxBatchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        _maxBatchSize = maxBatchSize;
        _current = new List<PointRecord>(Math.Min(maxBatchSize, 1024));
    }

    /// <summary>Records written and not yet acknowledged by the database.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>Takes one output record; never blocks on the database.</summary>
    public void Write(in PointRecord record)
    {
        lock (_gate)
        {
            _current.Add(record);
            Interlocked.Increment(ref _pending);
            _written++;
            if (_current.Count >= _maxBatchSize)
            {
                HandOff();
            }
        }
    }

    /// <summary>Hands what was written so far to the loop; does not wait for the database.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            HandOff();
        }
    }

    /// <summary>Flushes and ends the source: the loop writes what is queued, then <see cref="TsdbWriterLoop.RunAsync"/> returns.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            HandOff();
            _batches.Writer.TryComplete();
        }
    }

    /// <inheritdoc />
    public async ValueTask<TsdbBatch?> NextAsync(CancellationToken ct)
    {
        while (await _batches.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            if (_batches.Reader.TryRead(out var batch))
            {
                return batch;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public void Commit(TsdbBatch batch)
    {
        Interlocked.Add(ref _pending, -batch.Records.Count);
        lock (_acknowledgedGate)
        {
            _acknowledged += batch.Records.Count;
            Monitor.PulseAll(_acknowledgedGate);
        }
    }

    /// <summary>
    /// Hands off what was written so far and waits until the database acknowledged all of it (batches
    /// are written in order): however long the database is down, unless <paramref name="cancellation"/> ends the wait.
    /// </summary>
    /// <exception cref="OperationCanceledException">The wait was cancelled; what is not acknowledged is not durable.</exception>
    public void FlushAndWait(CancellationToken cancellation)
    {
        long target;
        lock (_gate)
        {
            HandOff();
            target = _written;
        }

        lock (_acknowledgedGate)
        {
            while (_acknowledged < target)
            {
                cancellation.ThrowIfCancellationRequested();
                Monitor.Wait(_acknowledgedGate, 200);
            }
        }
    }

    private void HandOff()
    {
        if (_current.Count == 0)
        {
            return;
        }

        if (!_batches.Writer.TryWrite(new TsdbBatch(_current)))
        {
            throw new InvalidOperationException("the TSDB queue was completed; no more records can be written");
        }

        _current = new List<PointRecord>(Math.Min(_maxBatchSize, 1024));
    }
}
