using Calc.Engine.State.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Calc.Engine.State;

/// <summary>
/// A client connection to Calc's state store, and the embedded server behind it when there is one.
/// Thread-safe; open one per process and share <see cref="Database"/>.
/// </summary>
public sealed partial class StateConnection : IDisposable, IAsyncDisposable
{
    private StateConnection(ConnectionMultiplexer multiplexer, EmbeddedGarnet? embedded, string endpoint)
    {
        Multiplexer = multiplexer;
        Embedded = embedded;
        Endpoint = endpoint;
        Database = multiplexer.GetDatabase();
    }

    /// <summary>The client (StackExchange.Redis).</summary>
    public IConnectionMultiplexer Multiplexer { get; }

    /// <summary>The database every state component uses.</summary>
    public IDatabase Database { get; }

    /// <summary>The embedded server this connection started and owns, or null.</summary>
    public EmbeddedGarnet? Embedded { get; }

    /// <summary>HOST:PORT of the server.</summary>
    public string Endpoint { get; }

    /// <summary>
    /// Connects as <paramref name="options"/> say. In embedded mode with a data directory that another
    /// process's embedded server already holds, connects to that server instead of starting one.
    /// </summary>
    public static async Task<StateConnection> OpenAsync(StateConnectionOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        var logger = (ILogger?)loggerFactory?.CreateLogger<StateConnection>() ?? NullLogger.Instance;
        if (!options.IsEmbedded)
        {
            var config = RedisUrl.Parse(options.Url!);
            return await ConnectAsync(config, null, options, logger);
        }

        var dir = options.Embedded.DataDirectory;
        if (dir is not null && DataDirectoryLock.ReadAnnouncedPort(dir) is { } announced && !CanLock(dir))
        {
            LogSharing(logger, dir, announced);
            return await ConnectAsync(LocalConfig(announced), null, options, logger);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var embedded = await Task.Run(() => EmbeddedGarnet.Start(options.Embedded, loggerFactory), cancellationToken);
        try
        {
            return await ConnectAsync(LocalConfig(embedded.Port), embedded, options, logger);
        }
        catch
        {
            embedded.Dispose();
            throw;
        }
    }

    private static bool CanLock(string dir)
    {
        using var probe = DataDirectoryLock.TryAcquire(dir);
        return probe is not null;
    }

    private static ConfigurationOptions LocalConfig(int port)
    {
        var config = new ConfigurationOptions();
        config.EndPoints.Add("127.0.0.1", port);
        return config;
    }

    private static async Task<StateConnection> ConnectAsync(ConfigurationOptions config, EmbeddedGarnet? embedded, StateConnectionOptions options, ILogger logger)
    {
        config.AbortOnConnectFail = true;
        config.ConnectTimeout = options.TimeoutMs;
        config.SyncTimeout = options.TimeoutMs;
        config.AsyncTimeout = options.TimeoutMs;
        config.AllowAdmin = true;
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(config);
        var endpoint = config.EndPoints[0].ToString() ?? "?";
        LogConnected(logger, endpoint, embedded is not null);
        return new StateConnection(multiplexer, embedded, endpoint);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Multiplexer.Dispose();
        Embedded?.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Multiplexer.DisposeAsync();
        Embedded?.Dispose();
    }

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "State store connected at {Endpoint} (embedded: {Embedded})")]
    private static partial void LogConnected(ILogger logger, string endpoint, bool embedded);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Information, Message = "Garnet data directory {Directory} is served by another process on port {Port}; connecting to it")]
    private static partial void LogSharing(ILogger logger, string directory, int port);
}
