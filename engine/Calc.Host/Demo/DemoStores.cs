using Calc.Engine.Runtime;
using Calc.Engine.State;
using Calc.Engine.Tsdb;
using Calc.Sdk;
using Microsoft.Extensions.Logging;

namespace Calc.Host.Demo;

/// <summary>
/// The embedded stores the demo's results land in: Garnet in-process (latest values, connection
/// status, site roll-ups; AOF in DATA/demo/garnet) and the embedded TSDB (DATA/demo/tsdb.db), fed by
/// a writer loop that never holds up the engine.
/// </summary>
internal sealed class DemoStores : IAsyncDisposable
{
    private readonly Task _tsdbLoop;
    private readonly SqliteTsdb _tsdb;

    private DemoStores(StateConnection state, DeviceStateWriter latest, ConnectionTracker connections, SqliteTsdb tsdb, TsdbQueueSource queue, ILogger logger)
    {
        State = state;
        Latest = latest;
        Connections = connections;
        _tsdb = tsdb;
        TsdbQueue = queue;
        _tsdbLoop = new TsdbWriterLoop(queue, tsdb, null, logger).RunAsync(CancellationToken.None);
    }

    public StateConnection State { get; }

    public DeviceStateWriter Latest { get; }

    public ConnectionTracker Connections { get; }

    public TsdbQueueSource TsdbQueue { get; }

    public string TsdbPath { get; private init; } = "";

    public long ConnectionEvents;

    public static async Task<DemoStores> OpenAsync(string dataDirectory, ILoggerFactory loggers)
    {
        var state = await StateConnection.OpenAsync(new StateConnectionOptions { Embedded = new EmbeddedGarnetOptions { DataDirectory = Path.Combine(dataDirectory, "garnet") } }, loggers);
        var latest = new DeviceStateWriter(state.Database);
        DemoStores? stores = null;
        var connections = new ConnectionTracker(state.Database, new ConnectionTrackerOptions { DefaultInactivityTimeout = TimeSpan.FromSeconds(10) }, _ => Interlocked.Increment(ref stores!.ConnectionEvents));
        await connections.LoadAsync();
        connections.Start();
        var path = Path.Combine(dataDirectory, "tsdb.db");
        var tsdb = SqliteTsdb.Open(path);
        stores = new DemoStores(state, latest, connections, tsdb, new TsdbQueueSource(), loggers.CreateLogger("calc.tsdb")) { TsdbPath = path };
        return stores;
    }

    /// <summary>Input records: latest values and connection status.</summary>
    public IOutputSink InputObserver => new Observer(this);

    public async ValueTask DisposeAsync()
    {
        TsdbQueue.Complete();
        await _tsdbLoop;
        _tsdb.Dispose();
        await Latest.DisposeAsync();
        await Connections.DisposeAsync();
        await State.DisposeAsync();
    }

    private sealed class Observer(DemoStores stores) : IOutputSink
    {
        public void Write(in PointRecord record)
        {
            stores.Latest.Observe(in record);
            stores.Connections.Observe(in record);
        }

        public void Flush() => stores.Latest.Flush();
    }
}
