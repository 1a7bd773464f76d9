using Calc.Engine.Runtime;
using Calc.Engine.State;
using Calc.Sdk;
using Microsoft.Extensions.Logging;

namespace Calc.Engine.Hosting.Stores;

/// <summary>
/// Device state for a run (SPEC §6), wired once for <c>calc run --state</c> and <c>calc demo</c>: the
/// state connection (embedded Garnet in DATA/garnet or <c>redis://HOST:PORT</c>), the latest-value
/// writer and the connection tracker. <see cref="InputObserver"/> takes every input record (latest
/// values, connection status, site roll-ups), <see cref="OutputSink"/> every output (latest values).
/// Their <c>Flush</c> waits until Garnet acknowledged everything, retrying while it is unreachable
/// (the barrier waits, nothing is committed, no record is lost).
/// </summary>
internal sealed class StateServices : IAsyncDisposable
{
    /// <summary>How long writes to the store are retried after the run was stopped (Ctrl-C): the final barrier's state and checkpoint.</summary>
    public static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(30);

    private readonly ILogger _logger;
    private readonly CancellationTokenSource _grace = new();
    private readonly CancellationTokenRegistration _stopping;
    private readonly CancellationToken _cancellation;
    private readonly Lock _eventsGate = new();
    private IOutputSink? _events;
    private long _connectionEvents;
    private long _flushes;
    private long _flushTicks;

    private StateServices(StateConnection connection, ConnectionTrackerOptions trackerOptions, ILogger logger, CancellationToken cancellation)
    {
        Connection = connection;
        _logger = logger;
        // Writes are retried while the store is down until the run is stopped, and then for ShutdownGrace
        // more: the last barrier after Ctrl-C must still write the state and the checkpoint.
        _stopping = cancellation.Register(() => _grace.CancelAfter(ShutdownGrace));
        _cancellation = _grace.Token;
        Latest = new DeviceStateWriter(connection.Database, logger: logger);
        Connections = new ConnectionTracker(connection.Database, trackerOptions, OnConnectionChange, logger: logger);
        Feed = new StateFeed(Latest, Connections, logger: logger);
        InputObserver = new Observer(this, trackConnections: true);
        OutputSink = new Observer(this, trackConnections: false);
    }

    public StateConnection Connection { get; }

    public DeviceStateWriter Latest { get; }

    public ConnectionTracker Connections { get; }

    /// <summary>Takes the records off the lanes' threads (a copy into a ring each) and applies them to <see cref="Latest"/> and <see cref="Connections"/> on its own.</summary>
    public StateFeed Feed { get; }

    /// <summary>Input records: latest values, connection status, site roll-ups.</summary>
    public IOutputSink InputObserver { get; }

    /// <summary>Output records: latest values.</summary>
    public IOutputSink OutputSink { get; }

    /// <summary>Connection status changes so far (each one an event record).</summary>
    public long ConnectionEvents => Interlocked.Read(ref _connectionEvents);

    /// <summary>Where connection events (<c>__connection</c> records) go, e.g. the job's Kafka output; written under a lock (the tracker's timer writes too), flushed with <see cref="InputObserver"/>.</summary>
    public IOutputSink? EventSink
    {
        set
        {
            lock (_eventsGate)
            {
                _events = value;
            }
        }
    }

    /// <summary>Opens the store (<paramref name="url"/> null or <c>embedded</c>: Garnet in-process with its data in <paramref name="garnetDirectory"/>), loads the stored connection statuses and starts the tracker's timer.</summary>
    public static async Task<StateServices> OpenAsync(string? url, string garnetDirectory, ConnectionTrackerOptions trackerOptions, ILoggerFactory loggers, CancellationToken cancellation)
    {
        var logger = loggers.CreateLogger("calc.state");
        var options = new StateConnectionOptions { Url = url, Embedded = new EmbeddedGarnetOptions { DataDirectory = garnetDirectory } };
        var connection = await StateConnection.OpenAsync(options, loggers, cancellation);
        var services = new StateServices(connection, trackerOptions, logger, cancellation);
        await services.Connections.LoadAsync(cancellationToken: cancellation);
        services.Connections.Start();
        return services;
    }

    /// <summary>A checkpoint store for a Kafka run in this state store.</summary>
    public GarnetPartitionCheckpointStore Checkpoints(string topic, string? orgId) => new(Connection.Database, topic, orgId, _logger, _cancellation) { IsLocal = Connection.Embedded is not null };

    /// <summary>Waits until every latest value, connection status and event is acknowledged (retrying while the store is down).</summary>
    public void FlushAll()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            FlushAllOnce();
        }
        finally
        {
            Interlocked.Add(ref _flushTicks, System.Diagnostics.Stopwatch.GetTimestamp() - started);
            Interlocked.Increment(ref _flushes);
        }
    }

    /// <summary>Flushes done by <see cref="FlushAll"/> (every barrier of every job).</summary>
    public long Flushes => Interlocked.Read(ref _flushes);

    /// <summary>Time spent in <see cref="FlushAll"/>, retries included.</summary>
    public TimeSpan FlushTime => System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _flushTicks));

    private void FlushAllOnce()
    {
        Feed.Drain();
        StateRetry.Run(Latest.Flush, "writing latest values", _logger, _cancellation);
        StateRetry.Run(() => Connections.FlushAsync(_cancellation).GetAwaiter().GetResult(), "writing connection status", _logger, _cancellation);
        lock (_eventsGate)
        {
            _events?.Flush();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.DisposeAsync();
        Feed.Dispose();
        await Connections.DisposeAsync();
        await Latest.DisposeAsync();
        lock (_eventsGate)
        {
            _events = null;
        }

        await Connection.DisposeAsync();
        _grace.Dispose();
    }

    private void OnConnectionChange(PointRecord change)
    {
        Interlocked.Increment(ref _connectionEvents);
        lock (_eventsGate)
        {
            _events?.Write(in change);
        }
    }

    private sealed class Observer(StateServices services, bool trackConnections) : IOutputSink
    {
        public void Write(in PointRecord record)
        {
            if (trackConnections)
            {
                services.Feed.Add(in record);
            }
            else
            {
                services.Feed.AddOutput(in record);
            }
        }

        public void Flush()
        {
            if (trackConnections)
            {
                services.FlushAll();
            }
            else
            {
                services.Feed.Drain();
                StateRetry.Run(services.Latest.Flush, "writing latest values", services._logger, services._cancellation);
            }
        }
    }
}
