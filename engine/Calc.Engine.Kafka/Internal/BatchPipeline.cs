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
/// and <see cref="ThrowIfFailed"/>. A batch that never returns (a stuck lane) can be given up with
/// <see cref="Abandon"/>: nothing more is processed, and <see cref="Dispose"/> no longer waits for the
/// thread, which ends by itself if the batch ever returns (<see cref="Ended"/>).
/// </summary>
internal sealed class BatchPipeline : IDisposable
{
    private const int Batches = 3;

    private readonly BlockingCollection<PointBatch> _work = new(Batches);
    private readonly BlockingCollection<PointBatch> _free = new(Batches);
    private readonly Action<PointBatch> _process;
    private readonly Thread _thread;
    private readonly object _gate = new();
    private readonly ManualResetEventSlim _idle = new(initialState: true);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProvider _time;
    private int _inFlight;
    private long _busySince;
    private volatile bool _abandoned;
    private ExceptionDispatchInfo? _failure;

    public BatchPipeline(Action<PointBatch> process, int batchSize, string name, TimeProvider? time = null)
    {
        _process = process;
        _time = time ?? TimeProvider.System;
        for (var i = 0; i < Batches; i++)
        {
            _free.Add(new PointBatch(batchSize));
        }

        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Completes when the processing thread has ended (after <see cref="Dispose"/>, or after an abandoned batch returned).</summary>
    public Task Ended => _ended.Task;

    /// <summary>True after <see cref="Abandon"/>.</summary>
    public bool IsAbandoned => _abandoned;

    /// <summary>A batch to fill; waits while every batch is queued or being processed; null when <paramref name="cancellation"/> fires first.</summary>
    public PointBatch? Rent(CancellationToken cancellation = default)
    {
        ThrowIfFailed();
        try
        {
            return _free.Take(cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>How long the batch being processed has been in the lanes (a <see cref="TimeProvider"/> timestamp difference); null when idle.</summary>
    public TimeSpan? BusyFor()
    {
        var since = Interlocked.Read(ref _busySince);
        return since == 0 ? null : _time.GetElapsedTime(since);
    }

    /// <summary>Queues a filled batch for processing.</summary>
    public void Submit(PointBatch batch)
    {
        lock (_gate)
        {
            _inFlight++;
            _idle.Reset();
        }

        _work.Add(batch);
    }

    /// <summary>Hands back a batch that was rented but not submitted (it held nothing).</summary>
    public void Return(PointBatch batch) => _free.Add(batch);

    /// <summary>Waits until every submitted batch is processed (or skipped after a failure).</summary>
    public void Drain() => _idle.Wait();

    /// <summary>Waits until every submitted batch is processed; false when <paramref name="cancellation"/> fires first.</summary>
    public bool TryDrain(CancellationToken cancellation)
    {
        try
        {
            _idle.Wait(cancellation);
            return true;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return _idle.IsSet;
        }
    }

    /// <summary>Gives up the batch being processed: later batches are skipped and <see cref="Dispose"/> does not wait for the thread.</summary>
    public void Abandon() => _abandoned = true;

    /// <summary>Rethrows the processing failure, if any, with its original type and stack.</summary>
    public void ThrowIfFailed() => Volatile.Read(ref _failure)?.Throw();

    public void Dispose()
    {
        _work.CompleteAdding();
        if (_abandoned)
        {
            // The thread is stuck in a batch: it still uses the queues if it ever returns, so they stay.
            return;
        }

        _thread.Join();
        _work.Dispose();
        _free.Dispose();
        // _idle stays: a rebalance raised by the source's own disposal still drains (it never allocated a kernel handle).
    }

    private void Run()
    {
        try
        {
            foreach (var batch in _work.GetConsumingEnumerable())
            {
                try
                {
                    if (_failure is null && !_abandoned)
                    {
                        Interlocked.Exchange(ref _busySince, Math.Max(1, _time.GetTimestamp()));
                        _process(batch);
                    }
                }
                catch (Exception ex) when (!_abandoned)
                {
                    _failure = ExceptionDispatchInfo.Capture(ex);
                }
                catch (Exception)
                {
                    // An abandoned batch that finally returned (or threw): nobody waits for it any more.
                }
                finally
                {
                    Interlocked.Exchange(ref _busySince, 0);
                    _free.Add(batch);
                    lock (_gate)
                    {
                        if (--_inFlight == 0)
                        {
                            _idle.Set();
                        }
                    }
                }
            }
        }
        finally
        {
            _ended.TrySetResult();
        }
    }

}
