using Calc.Engine.State.Internal;
using Calc.Sdk;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Calc.Engine.State;

/// <summary>
/// Takes device state off the engine's hot path: a lane thread only copies each record into a ring of
/// its own (no lock, no hashing); the feed's thread hands what was published, a ring at a time, to
/// <see cref="DeviceStateWriter.ObserveMany"/> and <see cref="ConnectionTracker.ObserveMany"/> (one lock
/// per batch). <see cref="Drain"/> waits until everything added before it was applied — call it before
/// flushing the writer and tracker (checkpoints, shutdown).
/// </summary>
/// <remarks>
/// The feed's thread looks for new records every <see cref="PollInterval"/> (so latest values and
/// online events are that much later than without the feed). A full ring makes its lane wait
/// (backpressure: the writer blocks when its own buffer is full, Garnet down). The rings of a thread
/// that ended are dropped once empty. If applying fails
/// (the writer was disposed), <see cref="Add"/>, <see cref="AddOutput"/> and <see cref="Drain"/> throw.
/// </remarks>
public sealed partial class StateFeed : IDisposable
{
    /// <summary>How often the feed's thread looks for new records when it found none.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(2);

    private readonly DeviceStateWriter _latest;
    private readonly ConnectionTracker? _connections;
    private readonly ILogger _logger;
    private readonly int _capacity;
    private readonly ThreadLocal<Rings> _local;
    private readonly Lock _registry = new();
    private readonly AutoResetEvent _wake = new(false);
    private readonly Thread _thread;
    private Rings[] _all = [];
    private volatile Exception? _failure;
    private volatile bool _stopping;
    private long _fullWaits;
    private long _applied;
    private long _applyTicks;

    /// <summary>Starts the feed's thread.</summary>
    /// <param name="latest">Receives every record (latest values).</param>
    /// <param name="connections">Receives the records added with <see cref="Add"/> (inputs); null for none.</param>
    /// <param name="capacity">Input records a lane may have in flight (a power of two) before it waits; outputs get a quarter.</param>
    /// <param name="logger">Logger; null for none.</param>
    public StateFeed(DeviceStateWriter latest, ConnectionTracker? connections, int capacity = 32_768, ILogger? logger = null)
    {
        _latest = latest;
        _connections = connections;
        _capacity = capacity;
        ObservationRing.Validate(capacity); // here, not on a lane's first Add
        _logger = logger ?? NullLogger.Instance;
        _local = new ThreadLocal<Rings>(Register);
        _thread = new Thread(Run) { IsBackground = true, Name = "calc state feed" };
        _thread.Start();
    }

    /// <summary>Times a lane found its ring full and waited.</summary>
    public long FullWaits => Interlocked.Read(ref _fullWaits);

    /// <summary>Threads whose rings are registered (a thread's rings go about a second after it ended, once empty).</summary>
    internal int RingCount => Volatile.Read(ref _all).Length;

    /// <summary>Records applied so far.</summary>
    public long Applied => Interlocked.Read(ref _applied);

    /// <summary>Time the feed's thread spent applying records (the rest it waited for them).</summary>
    public TimeSpan Busy => System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _applyTicks));

    /// <summary>An input record: latest value, connection status and site roll-up.</summary>
    public void Add(in PointRecord record)
    {
        var ring = _local.Value!.Inputs;
        if (!ring.TryAdd(in record))
        {
            WaitAndAdd(ring, in record);
        }
    }

    /// <summary>An output record: latest value only.</summary>
    public void AddOutput(in PointRecord record)
    {
        var ring = _local.Value!.Outputs;
        if (!ring.TryAdd(in record))
        {
            WaitAndAdd(ring, in record);
        }
    }

    /// <summary>Waits until every record added (by any thread) before the call has been applied.</summary>
    public void Drain()
    {
        var rings = Volatile.Read(ref _all);
        var targets = new (long Inputs, long Outputs)[rings.Length];
        for (var i = 0; i < rings.Length; i++)
        {
            targets[i] = (rings[i].Inputs.Published, rings[i].Outputs.Published);
        }

        for (var i = 0; i < rings.Length; i++)
        {
            while (rings[i].Inputs.Taken < targets[i].Inputs || rings[i].Outputs.Taken < targets[i].Outputs)
            {
                ThrowIfFailed();
                _wake.Set();
                Thread.Sleep(1);
            }
        }

        ThrowIfFailed();
    }

    /// <summary>Applies what is left and stops the thread.</summary>
    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        _wake.Set();
        _thread.Join();
        _local.Dispose();
        _wake.Dispose();
    }

    private Rings Register()
    {
        var rings = new Rings(new ObservationRing(_capacity), new ObservationRing(OutputCapacity), Thread.CurrentThread);
        lock (_registry)
        {
            _all = [.. _all, rings];
        }

        return rings;
    }

    private void WaitAndAdd(ObservationRing ring, in PointRecord record)
    {
        Interlocked.Increment(ref _fullWaits);
        var spin = new SpinWait();
        while (!ring.TryAdd(in record))
        {
            ThrowIfFailed();
            _wake.Set();
            spin.SpinOnce();
        }
    }

    private void ThrowIfFailed()
    {
        if (_failure is { } failure)
        {
            throw new InvalidOperationException("Device state could not take records: " + failure.Message, failure);
        }
    }

    private void Run()
    {
        try
        {
            var nextForget = Environment.TickCount64 + 1_000;
            while (true)
            {
                if (Environment.TickCount64 >= nextForget)
                {
                    ForgetEndedThreads();
                    nextForget = Environment.TickCount64 + 1_000;
                }

                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var applied = ApplyAll();
                if (applied > 0)
                {
                    Interlocked.Add(ref _applyTicks, System.Diagnostics.Stopwatch.GetTimestamp() - started);
                    Interlocked.Add(ref _applied, applied);
                }
                else
                {
                    if (_stopping)
                    {
                        return;
                    }

                    _wake.WaitOne(PollInterval);
                }
            }
        }
        catch (Exception ex)
        {
            _failure = ex;
            LogFailed(_logger, ex);
        }
    }

    private long ApplyAll()
    {
        long applied = 0;
        foreach (var rings in Volatile.Read(ref _all))
        {
            applied += Apply(rings.Inputs, _connections);
            applied += Apply(rings.Outputs, null);
        }

        return applied;
    }

    private long Apply(ObservationRing ring, ConnectionTracker? connections)
    {
        var start = ring.Taken;
        var end = ring.Peek(out var first, out var second);
        if (end == start)
        {
            return 0;
        }

        _latest.ObserveMany(first);
        _latest.ObserveMany(second);
        connections?.ObserveMany(first);
        connections?.ObserveMany(second);
        ring.Release(end);
        return end - start;
    }

    [LoggerMessage(EventId = 4055, Level = LogLevel.Error, Message = "Device state stopped taking records")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    private int OutputCapacity => Math.Max(2, _capacity / 4);

    /// <summary>Drops the rings of threads that ended once they are empty (a restarted job's lane is a new thread).</summary>
    private void ForgetEndedThreads()
    {
        var all = Volatile.Read(ref _all);
        if (!all.Any(r => !r.Owner.IsAlive))
        {
            return;
        }

        lock (_registry)
        {
            _all = [.. _all.Where(r => r.Owner.IsAlive || r.Inputs.Taken < r.Inputs.Published || r.Outputs.Taken < r.Outputs.Published)];
        }
    }

    private sealed record Rings(ObservationRing Inputs, ObservationRing Outputs, Thread Owner);
}
