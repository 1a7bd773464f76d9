using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Calc.Engine.State.Internal;
using Garnet;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Calc.Engine.State;

/// <summary>
/// A Garnet server hosted in this process on 127.0.0.1. With a data directory it logs every write
/// (AOF), checkpoints periodically and recovers on start, so state survives a restart. Starting
/// takes about a second. Dispose stops it (after a checkpoint, unless disabled).
/// </summary>
public sealed partial class EmbeddedGarnet : IDisposable
{
    private const int StartAttempts = 5;
    private readonly GarnetServer _server;
    private readonly DataDirectoryLock? _lock;
    private readonly EmbeddedGarnetOptions _options;
    private readonly ILogger _logger;
    private bool _disposed;

    private EmbeddedGarnet(GarnetServer server, int port, DataDirectoryLock? dataLock, EmbeddedGarnetOptions options, ILogger logger)
    {
        _server = server;
        Port = port;
        _lock = dataLock;
        _options = options;
        _logger = logger;
    }

    /// <summary>The port it listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary><c>127.0.0.1:PORT</c>, for Redis clients.</summary>
    public string Endpoint => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The data directory, or null when the server keeps everything in memory only.</summary>
    public string? DataDirectory => _options.DataDirectory;

    /// <summary>Starts a server.</summary>
    /// <exception cref="InvalidOperationException">The data directory is already served by another embedded Garnet.</exception>
    public static EmbeddedGarnet Start(EmbeddedGarnetOptions options, ILoggerFactory? loggerFactory = null)
    {
        var logger = (ILogger?)loggerFactory?.CreateLogger<EmbeddedGarnet>() ?? NullLogger.Instance;
        DataDirectoryLock? dataLock = null;
        if (options.DataDirectory is not null)
        {
            dataLock = DataDirectoryLock.TryAcquire(options.DataDirectory)
                ?? throw new InvalidOperationException($"the Garnet data directory {options.DataDirectory} is in use by another server");
        }

        var garnetLoggers = loggerFactory is null ? null : new WarningsOnlyLoggerFactory(loggerFactory);
        try
        {
            var stopwatch = Stopwatch.StartNew();
            for (var attempt = 1; ; attempt++)
            {
                var port = options.Port == 0 ? FreePort.Next() : options.Port;
                GarnetServer? server = null;
                try
                {
                    server = new GarnetServer(BuildArguments(options, port), garnetLoggers);
                    server.Start();
                    dataLock?.Announce(port);
                    LogStarted(logger, port, stopwatch.ElapsedMilliseconds, options.DataDirectory ?? "(memory only)");
                    return new EmbeddedGarnet(server, port, dataLock, options, logger);
                }
                catch (Exception ex) when (options.Port == 0 && attempt < StartAttempts && IsAddressInUse(ex))
                {
                    // The free port was taken between probing and binding: try another one.
                    server?.Dispose(false);
                }
            }
        }
        catch
        {
            dataLock?.Dispose();
            throw;
        }
    }

    /// <summary>The Garnet command line used for <paramref name="options"/> on <paramref name="port"/>.</summary>
    internal static string[] BuildArguments(EmbeddedGarnetOptions options, int port)
    {
        var args = new List<string>
        {
            "--bind", "127.0.0.1",
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--index", options.IndexSize,
            "--lua", "true",
            "-q",
            "--disable-console-logger",
        };
        if (options.DataDirectory is not null)
        {
            // The default native device needs glibc 2.38; RandomAccess works everywhere (NOTES.md).
            args.AddRange([
                "--device-type", "RandomAccess",
                "--checkpointdir", Path.GetFullPath(options.DataDirectory),
                "--aof", "true",
                "--recover", "true",
                "--aof-segment-size", "64m",
            ]);
            if (options.CheckpointIntervalSeconds > 0)
            {
                args.AddRange(["--checkpoint-freq", options.CheckpointIntervalSeconds.ToString(CultureInfo.InvariantCulture)]);
            }
        }

        args.AddRange(options.ExtraArguments);
        return [.. args];
    }

    private static bool IsAddressInUse(Exception ex)
    {
        for (var e = (Exception?)ex; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Takes a checkpoint now (Redis <c>SAVE</c>); a no-op without a data directory.</summary>
    public void Checkpoint()
    {
        if (_options.DataDirectory is not null)
        {
            RespCommand.Run(Port, "SAVE");
        }
    }

    /// <summary>Stops the server; the data directory is kept.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (_options.DataDirectory is not null)
            {
                _server.Store.CommitAOFAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
                if (_options.CheckpointOnDispose)
                {
                    Checkpoint();
                }
            }
        }
        catch (Exception ex)
        {
            // The AOF still has every write; only the next start is slower.
            LogCheckpointFailed(_logger, ex);
        }

        _server.Dispose(false);
        _lock?.Dispose();
        LogStopped(_logger, Port);
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Embedded Garnet listening on 127.0.0.1:{Port}, started in {ElapsedMs} ms (data: {DataDirectory})")]
    private static partial void LogStarted(ILogger logger, int port, long elapsedMs, string dataDirectory);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Embedded Garnet on port {Port} stopped")]
    private static partial void LogStopped(ILogger logger, int port);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Embedded Garnet: checkpoint on shutdown failed; the AOF will be replayed on the next start")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
