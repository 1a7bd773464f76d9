using System.Runtime.InteropServices;
using Calc.Engine.Runtime;
using Calc.Engine.State.Internal;
using Calc.Sdk;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Calc.Engine.State;

/// <summary>
/// Keeps the latest value of every (org, asset, point) in Garnet (<c>calc:latest:{orgId}:{assetId}</c>,
/// see <see cref="LatestValueJson"/>). <see cref="Observe"/> only updates an in-memory buffer that
/// coalesces values per asset; a background task writes the changed fields of each asset with one HSET,
/// pipelined, every <see cref="DeviceStateWriterOptions.FlushInterval"/>. A value never replaces a
/// newer one, in memory or in Garnet (stored times are read before an asset's first write).
/// </summary>
/// <remarks>
/// Thread-safe: <see cref="Observe"/> may be called from several lanes. When the buffer holds
/// <see cref="DeviceStateWriterOptions.MaxPendingPoints"/> values, <see cref="Observe"/> blocks until
/// the next flush takes them (backpressure; while Garnet is unreachable this stalls the caller).
/// </remarks>
public sealed partial class DeviceStateWriter : IOutputSink, IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<AssetKey, AssetLatest> _assets = [];
    private readonly IDatabase _database;
    private readonly DeviceStateWriterOptions _options;
    private readonly IClock _clock;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly SemaphoreSlim _flushLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly int _max;
    private List<AssetLatest> _dirty = [];
    private AssetLatest? _lastAsset;
    private int _pending;
    private long _observed;
    private long _stale;
    private long _pointsWritten;
    private long _hashWrites;
    private long _flushes;
    private long _failedFlushes;
    private bool _disposed;

    /// <summary>Creates the writer and starts its background flush task.</summary>
    /// <param name="database">The state database (<see cref="StateConnection.Database"/>).</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <param name="clock">Wall clock for idle expiry; null for the system clock.</param>
    /// <param name="logger">Logger; null for none.</param>
    public DeviceStateWriter(IDatabase database, DeviceStateWriterOptions? options = null, IClock? clock = null, ILogger? logger = null)
    {
        _database = database;
        _options = options ?? new DeviceStateWriterOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxPendingPoints, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.PipelineAssets, 1);
        _clock = clock ?? SystemClock.Instance;
        _logger = logger ?? NullLogger.Instance;
        _max = _options.MaxPendingPoints;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Counters so far.</summary>
    public DeviceStateWriterStats Stats
    {
        get
        {
            lock (_gate)
            {
                return new(_observed, _stale, Interlocked.Read(ref _pointsWritten), Interlocked.Read(ref _hashWrites),
                    Interlocked.Read(ref _flushes), Interlocked.Read(ref _failedFlushes), _pending, _assets.Count);
            }
        }
    }

    /// <summary>
    /// Takes a record (input or output) as the latest value of its point unless a newer one is known.
    /// Cheap; blocks only when the buffer is full. Connection events (<c>__connection</c>) are skipped.
    /// </summary>
    public void Observe(in PointRecord record)
    {
        lock (_gate)
        {
            ObserveLocked(in record, _clock.NowMs);
        }
    }

    /// <summary>Takes several records under one lock (what <see cref="StateFeed"/> calls).</summary>
    public void ObserveMany(ReadOnlySpan<PointRecord> records)
    {
        if (records.IsEmpty)
        {
            return;
        }

        lock (_gate)
        {
            var now = _clock.NowMs;
            foreach (ref readonly var record in records)
            {
                ObserveLocked(in record, now);
            }
        }
    }

    private void ObserveLocked(in PointRecord record, long now)
    {
        if (string.Equals(record.PointId, ConnectionTracker.ConnectionPointId, StringComparison.Ordinal))
        {
            return;
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        var asset = _lastAsset;
        if (asset is null || !string.Equals(asset.AssetId, record.AssetId, StringComparison.Ordinal) || !string.Equals(asset.OrgId, record.OrgId, StringComparison.Ordinal))
        {
            // Records of one asset tend to come together (a device sends its points at once).
            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_assets, new AssetKey(record.OrgId, record.AssetId), out _);
            entry ??= new AssetLatest(record.OrgId, record.AssetId) { Loaded = _options.UseScript };
            _lastAsset = asset = entry;
        }

        asset.LastTouchMs = now;
        ref var slot = ref asset.GetOrAdd(record.PointId, out var existed);
        if (existed && record.Time < slot.Time)
        {
            _stale++;
            return;
        }

        slot.Time = record.Time;
        slot.Value = record.Value;
        slot.Quality = record.Quality;
        _observed++;
        if (!slot.Dirty)
        {
            slot.Dirty = true;
            asset.DirtyPoints.Add(record.PointId);
            if (!asset.Queued)
            {
                asset.Queued = true;
                _dirty.Add(asset);
            }

            if (++_pending >= _max / 2)
            {
                Wake();
            }

            while (_pending >= _max && !_disposed)
            {
                Monitor.Wait(_gate);
            }
        }
    }

    /// <summary>Same as <see cref="Observe"/> (so the writer can be a job output, <c>outputs.state</c>).</summary>
    public void Write(in PointRecord record) => Observe(record);

    /// <summary>Blocks until everything observed so far is written (<see cref="FlushAsync"/>).</summary>
    public void Flush() => FlushAsync().GetAwaiter().GetResult();

    /// <summary>
    /// Writes everything observed before the call; completes when Garnet has acknowledged it.
    /// Call before saving a checkpoint and on shutdown. Throws if Garnet fails (values are kept).
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushLock.WaitAsync(cancellationToken);
        try
        {
            await FlushOnceAsync(cancellationToken);
        }
        finally
        {
            _flushLock.Release();
        }
    }

    /// <summary>Stops the background task after a last flush (errors are logged, not thrown).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await _stop.CancelAsync();
        await _loop;
        try
        {
            await FlushAsync();
        }
        catch (Exception ex)
        {
            LogFlushFailed(_logger, ex);
        }

        lock (_gate)
        {
            _disposed = true;
            Monitor.PulseAll(_gate);
        }

        _stop.Dispose();
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another thread woke it first.
            }
        }
    }
}
