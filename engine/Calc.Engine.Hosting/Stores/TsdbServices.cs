using System.Diagnostics;
using System.Globalization;
using Calc.Engine.Tsdb;
using Microsoft.Extensions.Logging;

namespace Calc.Engine.Hosting.Stores;

/// <summary>
/// Outputs to a time-series database without a Kafka hop (<c>calc run --input … --tsdb URL</c>,
/// <c>calc demo</c>): the engine writes to a <see cref="TsdbQueueSource"/> (never waiting for the
/// database) and a <see cref="TsdbWriterLoop"/> writes its batches, retrying while the database is down.
/// <see cref="CompleteAsync"/> waits at the end until the database acknowledged everything.
/// </summary>
internal sealed class TsdbServices : IAsyncDisposable
{
    private readonly ITsdbWriter _writer;
    private readonly TsdbWriterLoop _loop;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private TsdbServices(ITsdbWriter writer, string description, TsdbWriterLoopOptions retry, ILogger logger)
    {
        _writer = writer;
        Description = description;
        Queue = new TsdbQueueSource();
        _loop = new TsdbWriterLoop(Queue, writer, retry, logger);
        _running = _loop.RunAsync(_stop.Token);
    }

    /// <summary>The engine's sink for outputs.</summary>
    public TsdbQueueSource Queue { get; }

    /// <summary>Where the points go, for messages.</summary>
    public string Description { get; }

    /// <summary>The store file when it is the embedded store, else null.</summary>
    public string? SqlitePath { get; private init; }

    public TsdbWriterLoopStats Stats => _loop.Stats;

    public TsdbWriteCounters Counters => _writer.Counters;

    /// <summary>
    /// Opens the writer: <paramref name="url"/> null or <c>embedded</c> = the embedded store
    /// <c>tsdb.db</c> in <paramref name="dataDirectory"/>; <c>sqlite:PATH</c> or a path; <c>http(s)://…</c>
    /// = line protocol (VictoriaMetrics, InfluxDB). <paramref name="storagePoints"/> is the job's storage policy.
    /// </summary>
    /// <exception cref="ArgumentException">The address or a storage pattern is invalid.</exception>
    public static TsdbServices Open(string? url, string dataDirectory, IEnumerable<string> storagePoints, ILogger logger, TsdbWriterLoopOptions? retry = null)
    {
        var (writer, description, sqlite) = CreateWriter(url, dataDirectory, storagePoints, logger);
        return new TsdbServices(writer, description, retry ?? new TsdbWriterLoopOptions(), logger) { SqlitePath = sqlite };
    }

    /// <summary>The writer for an address as <see cref="Open"/> takes it, with a description and the store file (null for http).</summary>
    /// <exception cref="ArgumentException">The address or a storage pattern is invalid.</exception>
    public static (ITsdbWriter Writer, string Description, string? SqlitePath) CreateWriter(string? url, string dataDirectory, IEnumerable<string> storagePoints, ILogger logger)
    {
        if (string.Equals(url, "embedded", StringComparison.OrdinalIgnoreCase))
        {
            url = null;
        }

        var credentials = HostSettings.Current.Tsdb;
        var options = new TsdbOptions { Url = url, DataDirectory = dataDirectory, Token = credentials.Token, BearerToken = credentials.BearerToken, Username = credentials.Username, Password = credentials.Password };
        options.Storage.Points.AddRange(storagePoints);
        var sqlite = IsHttp(url) ? null : TsdbWriterFactory.SqliteFor(url, options, new Calc.Sdk.ProblemList())?.Path;
        var writer = TsdbWriterFactory.Create(url, options, logger);
        return (writer, url is null || sqlite is not null ? "embedded store " + sqlite : url, sqlite);
    }

    /// <summary>
    /// Ends the queue and waits until the database acknowledged every record, printing progress to
    /// <paramref name="progress"/> every second once it takes longer than a second. False when it
    /// did not within <paramref name="giveUp"/> (the loop is then stopped).
    /// </summary>
    public async Task<bool> CompleteAsync(TimeSpan giveUp, TextWriter progress, string prefix, CancellationToken cancellation)
    {
        Queue.Complete();
        var watch = Stopwatch.StartNew();
        while (!_running.IsCompleted)
        {
            var left = giveUp - watch.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                await _stop.CancelAsync();
                await _running;
                return false;
            }

            await Task.WhenAny(_running, Task.Delay(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1), cancellation));
            cancellation.ThrowIfCancellationRequested();
            if (!_running.IsCompleted)
            {
                var state = Stats.DatabaseDown ? $"; the database is not answering ({Stats.LastError})" : "";
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{prefix}: waiting for {Description}: {Queue.Pending:N0} records not yet acknowledged, {watch.Elapsed.TotalSeconds:0} s of {giveUp.TotalSeconds:0} s{state}"));
            }
        }

        await _running;
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        Queue.Complete();
        await _stop.CancelAsync();
        await _running;
        _writer.Dispose();
        _stop.Dispose();
    }

    private static bool IsHttp(string? url) =>
        url is not null && (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
}
