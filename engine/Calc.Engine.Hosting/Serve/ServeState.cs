using Calc.Engine.Hosting.Settings;
using Calc.Engine.Kafka;
using Calc.Engine.Hosting.Stores;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Calc.Engine.Hosting.Serve;

/// <summary>
/// <c>calc serve --state [redis://HOST:PORT]</c>: device state for every served job, as <c>calc run
/// --state</c> keeps it for one — latest values of inputs and outputs, connection status and site
/// roll-ups in Garnet (embedded in DATA/garnet by default). One store, feed and tracker for the process;
/// connection changes go to the default output topic. Checkpoints stay in files (docs/serve.md).
/// </summary>
internal sealed class ServeState : IAsyncDisposable
{
    private readonly StateServices _services;
    private readonly KafkaPointSink _events;

    private ServeState(StateServices services, KafkaPointSink events)
    {
        _services = services;
        _events = events;
    }

    /// <summary>The store, its writer and feed (for the metrics and the readiness check).</summary>
    public StateServices Services => _services;

    /// <summary>The store's address, for the start-up line.</summary>
    public string Description => (_services.Connection.Embedded is null ? "" : "the embedded Garnet at ") + _services.Connection.Endpoint;

    /// <summary>Opens the store the options ask for (<c>--state</c>).</summary>
    /// <exception cref="ArgumentException">The store cannot be reached (the message says which).</exception>
    public static async Task<ServeState> OpenAsync(StoreOptions options, string servers, KafkaSettings kafka, ILoggerFactory loggers, CancellationToken cancellation)
    {
        StateServices services;
        try
        {
            services = await StateServices.OpenAsync(options.StateUrl, Path.Combine(DataDirectory.Path, "garnet"), options.Tracker, loggers, cancellation);
        }
        catch (StackExchange.Redis.RedisException ex)
        {
            throw new ArgumentException($"cannot reach the state store {options.StateUrl ?? "(embedded Garnet)"}: {ex.Message}", ex);
        }

        var events = new KafkaPointSink(new KafkaPointSinkOptions
        {
            Producer = kafka.ProducerConfig(servers),
            Topic = StreamingOptions.DefaultOutputTopic,
            JobId = "calc-serve",
        });
        services.EventSink = new LockedSink(events);
        return new ServeState(services, events);
    }

    /// <summary>After the jobs stopped: everything written, then closed.</summary>
    public async ValueTask DisposeAsync()
    {
        _services.FlushAll();
        _services.EventSink = null;
        _events.Flush();
        _events.Dispose();
        await _services.DisposeAsync();
    }
}
