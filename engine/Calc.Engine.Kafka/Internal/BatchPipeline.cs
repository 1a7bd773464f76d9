using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Calc.Engine.Kafka.Internal;

/// <summary>
/// Runs batch processing on its own thread while the consumer thread fetches and decodes the next
/// batch, so the two stages use two cores. Batches are processed one at a time in submission order
/// (per partition: offset order). At most <see cref="Batches"/> batches exist: when all are in
/// flight, <see cref="Rent"/> waits (backpressure, bounded memory). Anything that touches the lanes
/// from the consumer thread (barriers, ticks, rebalances) calls <see cref="Drain"/> first. A failure
/// of the processing stops it (later batches are not processed, so their offsets are never
/// committed) and is rethrown, with its original type, on the consumer thread by <see cref="Rent"/>
/// and <see cref="ThrowIfFailed"/>.
/// </summary>
internal sealed class BatchPipeline : IDisposable
{
    private const int Batches = 3;

    private readonly BlockingCollection<PointBatch> _work = new(Batches);
    private readonly BlockingCollection<PointBatch> _free = new(Batches);
    private readonly Action<PointBatch> _process;
    private readonly Thread _thread;
    private readonly object _gate = new();
    private int _inFlight;
    private ExceptionDispatchInfo? _failure;

    public BatchPipeline(Action<PointBatch> process, int batchSize, string name)
    {
        _process = process;
        for (var i = 0; i < Batches; i++)
        {
            _free.Add(new PointBatch(batchSize));
        }

        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>A batch to fill; waits while every batch is queued or being processed.</summary>
    public PointBatch Rent()
    {
        ThrowIfFailed();
        return _free.Take();
    }

    /// <summary>Queues a filled batch for processing.</summary>
    public void Submit(PointBatch batch)
    {
        lock (_gate)
        {
            _inFlight++;
        }

        _work.Add(batch);
    }

    /// <summary>Hands back a batch that was rented but not submitted (it held nothing).</summary>
    public void Return(PointBatch batch) => _free.Add(batch);

    /// <summary>Waits until every submitted batch is processed (or skipped after a failure).</summary>
    public void Drain()
    {
        lock (_gate)
        {
            while (_inFlight > 0)
            {
                Monitor.Wait(_gate);
            }
        }
    }

    /// <summary>Rethrows the processing failure, if any, with its original type and stack.</summary>
    public void ThrowIfFailed() => Volatile.Read(ref _failure)?.Throw();

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join();
        _work.Dispose();
        _free.Dispose();
    }

    private void Run()
    {
        foreach (var batch in _work.GetConsumingEnumerable())
        {
            try
            {
                if (_failure is null)
                {
                    _process(batch);
                }
            }
            catch (Exception ex)
            {
                _failure = ExceptionDispatchInfo.Capture(ex);
            }
            finally
            {
                _free.Add(batch);
                lock (_gate)
                {
                    if (--_inFlight == 0)
                    {
                        Monitor.PulseAll(_gate);
                    }
                }
            }
        }
    }

}
