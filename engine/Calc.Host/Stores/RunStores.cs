using System.Globalization;
using Calc.Engine.Runtime;
using Microsoft.Extensions.Logging;

namespace Calc.Host.Stores;

/// <summary>
/// The stores one <c>calc run</c> writes to besides its own output: device state in Garnet
/// (<see cref="StateServices"/>) and a TSDB (<see cref="TsdbServices"/>), each only when asked for.
/// </summary>
internal sealed class RunStores : IAsyncDisposable
{
    private readonly ILoggerFactory _loggers;

    private RunStores(ILoggerFactory loggers, StateServices? state, TsdbServices? tsdb)
    {
        _loggers = loggers;
        State = state;
        Tsdb = tsdb;
    }

    public StateServices? State { get; }

    public TsdbServices? Tsdb { get; }

    /// <summary>Input records go here first (null without state).</summary>
    public IOutputSink? InputObserver => State?.InputObserver;

    /// <summary>Opens what <paramref name="options"/> ask for.</summary>
    /// <exception cref="ArgumentException">The TSDB address or a storage pattern is invalid.</exception>
    /// <exception cref="StackExchange.Redis.RedisException">The state store cannot be reached.</exception>
    public static async Task<RunStores> OpenAsync(StoreOptions options, ConsoleIo io, CancellationToken cancellation)
    {
        var loggers = ConsoleLogging.Create(LogLevel.Warning);
        StateServices? state = null;
        try
        {
            if (options.State)
            {
                state = await StateServices.OpenAsync(options.StateUrl, Path.Combine(DataDirectory.Path, "garnet"), options.Tracker, loggers, cancellation);
                io.Error.WriteLine($"calc run: device state in {(state.Connection.Embedded is null ? "" : "the embedded Garnet at ")}{state.Connection.Endpoint}");
            }

            var tsdb = options.Tsdb ? TsdbServices.Open(options.TsdbUrl, DataDirectory.Path, options.TsdbPoints, loggers.CreateLogger("calc.tsdb")) : null;
            if (tsdb is not null)
            {
                io.Error.WriteLine($"calc run: outputs also go to {tsdb.Description}");
            }

            return new RunStores(loggers, state, tsdb);
        }
        catch
        {
            if (state is not null)
            {
                await state.DisposeAsync();
            }

            loggers.Dispose();
            throw;
        }
    }

    /// <summary>Every output to <paramref name="sink"/> and to the stores.</summary>
    public IOutputSink Wrap(IOutputSink sink)
    {
        List<IOutputSink> sinks = [sink];
        if (State is not null)
        {
            sinks.Add(State.OutputSink);
        }

        if (Tsdb is not null)
        {
            sinks.Add(Tsdb.Queue);
        }

        return sinks.Count == 1 ? sink : new CompositeSink(sinks);
    }

    /// <summary>End of a run: state acknowledged, then every TSDB point acknowledged (or give up after the timeout: false, error printed).</summary>
    public async Task<bool> FinishAsync(StoreOptions options, ConsoleIo io, CancellationToken cancellation)
    {
        State?.FlushAll();
        if (Tsdb is not null && !await Tsdb.CompleteAsync(options.TsdbTimeout, io.Error, "calc run", cancellation))
        {
            io.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"calc run: {Tsdb.Description} did not acknowledge {Tsdb.Queue.Pending:N0} output records within {options.TsdbTimeout.TotalSeconds:0} s (last error: {Tsdb.Stats.LastError ?? "none"}); they are not stored there. Run again when it answers, or raise --tsdb-timeout"));
            return false;
        }

        return true;
    }

    /// <summary>Summary lines after the run's own summary.</summary>
    public void WriteSummary(TextWriter error)
    {
        if (State is { } state)
        {
            var stats = state.Latest.Stats;
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  state          {stats.PointsWritten,12:N0}  latest values written to {state.Connection.Endpoint} ({stats.TrackedAssets:N0} assets), {state.ConnectionEvents:N0} connection changes"));
        }

        if (Tsdb is { } tsdb)
        {
            var c = tsdb.Counters;
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  tsdb           {c.Written,12:N0}  points written to {tsdb.Description}"));
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  tsdb merged    {c.Coalesced,12:N0}  replaced by a later value of the same point and time before being written"));
            var skipped = c.SkippedByPolicy + c.SkippedByCalMode + c.SkippedNotNumeric + c.SkippedBadName + c.RejectedByDatabase;
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  tsdb skipped   {skipped,12:N0}  (storage policy {c.SkippedByPolicy:N0}, provisional {c.SkippedByCalMode:N0}, not numeric {c.SkippedNotNumeric:N0}, bad name {c.SkippedBadName:N0}, refused by the database {c.RejectedByDatabase:N0})"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Tsdb is not null)
        {
            await Tsdb.DisposeAsync();
        }

        if (State is not null)
        {
            await State.DisposeAsync();
        }

        _loggers.Dispose();
    }
}
