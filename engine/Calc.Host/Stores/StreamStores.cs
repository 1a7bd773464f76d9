using Calc.Engine.Jobs;
using Calc.Engine.Kafka;
using Calc.Engine.Runtime;
using Calc.Host.Commands;

namespace Calc.Host.Stores;

/// <summary>
/// Device state for <c>calc run … --bootstrap-servers … --state [URL]</c>: inputs and outputs feed the
/// latest values and connection status, partition checkpoints are kept in Garnet (state and offset in
/// one HSET, saved at each barrier after the state writes were acknowledged and before the offsets are
/// committed), connection events go to the job's output topic, and the job's lease is held.
/// </summary>
internal sealed class StreamStores : IDisposable
{
    private readonly RunStores? _stores;
    private readonly LeaseKeeper? _lease;
    private readonly JobDefinition _job;
    private KafkaPointSink? _events;

    private StreamStores(RunStores? stores, LeaseKeeper? lease, JobDefinition job)
    {
        _stores = stores;
        _lease = lease;
        _job = job;
    }

    /// <summary>Opens the state store when asked for; null (error printed) when it cannot be reached.</summary>
    public static StreamStores? Open(StoreOptions options, JobDefinition job, ConsoleIo io, CancellationToken cancellation)
    {
        if (!options.State)
        {
            return new StreamStores(null, null, job);
        }

        var stores = RunCommand.OpenStoresAsync(options, io, cancellation).GetAwaiter().GetResult();
        if (stores is null)
        {
            return null;
        }

        var lease = LeaseKeeper.StartAsync(stores.State!.Connection.Database, job.Id, io.Error).GetAwaiter().GetResult();
        return new StreamStores(stores, lease, job);
    }

    /// <summary>The streaming options with state observers, sinks, checkpoints and connection events added.</summary>
    public StreamingOptions Apply(StreamingOptions options)
    {
        if (_stores?.State is not { } state)
        {
            return options;
        }

        _events = new KafkaPointSink(new KafkaPointSinkOptions { Producer = options.Producer, Topic = options.OutputTopic, JobId = _job.Id });
        state.EventSink = new LockedSink(_events);
        return options with
        {
            InputObservers = [.. options.InputObservers, state.InputObserver],
            ExtraSinks = [.. options.ExtraSinks, state.OutputSink],
            Checkpoints = state.Checkpoints(options.InputTopic, _job.OrgId),
        };
    }

    /// <summary>Summary lines after the run's own summary.</summary>
    public void WriteSummary(TextWriter error) => _stores?.WriteSummary(error);

    public void Dispose()
    {
        if (_stores?.State is { } state)
        {
            state.FlushAll();
            state.EventSink = null;
        }

        _events?.Flush();
        _events?.Dispose();
        _lease?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stores?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
