using Calc.Engine.Runtime;
using Calc.Engine.State;
using Calc.Engine.Hosting.Stores;
using Microsoft.Extensions.Logging;

namespace Calc.Engine.Hosting.Stores;

/// <summary>
/// The stores the demo's results land in: Garnet in-process (latest values, connection status, site
/// roll-ups; AOF in DATA/demo/garnet) and a TSDB — the embedded one (DATA/demo/tsdb.db) or the one
/// given by <c>--tsdb URL</c> — fed by a writer loop that never holds up the engine. The wiring is
/// <see cref="StateServices"/> and <see cref="TsdbServices"/>, as for <c>calc run</c>.
/// </summary>
internal sealed class DemoStores : IAsyncDisposable
{
    private DemoStores(StateServices state, TsdbServices tsdb)
    {
        Services = state;
        Tsdb = tsdb;
    }

    public StateServices Services { get; }

    public TsdbServices Tsdb { get; }

    public StateConnection State => Services.Connection;

    public DeviceStateWriter Latest => Services.Latest;

    /// <summary>Output records: latest values.</summary>
    public IOutputSink LatestSink => Services.OutputSink;

    /// <summary>The embedded store's file, or null when the results go to a line-protocol database.</summary>
    public string? TsdbPath => Tsdb.SqlitePath;

    public long ConnectionEvents => Services.ConnectionEvents;

    /// <summary>Input records: latest values and connection status.</summary>
    public IOutputSink InputObserver => Services.InputObserver;

    public static async Task<DemoStores> OpenAsync(string dataDirectory, string? tsdbUrl, ILoggerFactory loggers)
    {
        var state = await StateServices.OpenAsync(null, Path.Combine(dataDirectory, "garnet"),
            new ConnectionTrackerOptions { DefaultInactivityTimeout = TimeSpan.FromSeconds(10) }, loggers, CancellationToken.None);
        try
        {
            return new DemoStores(state, TsdbServices.Open(tsdbUrl, dataDirectory, [], loggers.CreateLogger("calc.tsdb")));
        }
        catch
        {
            await state.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits (up to a minute, with progress) until the TSDB acknowledged every result; false if it did not.</summary>
    public Task<bool> CompleteAsync(TextWriter progress) => Tsdb.CompleteAsync(TimeSpan.FromSeconds(60), progress, "calc demo", CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Tsdb.DisposeAsync();
        await Services.DisposeAsync();
    }
}
