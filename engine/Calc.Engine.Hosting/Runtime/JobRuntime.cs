using Calc.Engine.Hosting.Stores;
using Calc.Engine.Kafka;
using Calc.Engine.Runtime;
using Calc.Engine.Tsdb;
using Microsoft.Extensions.Logging;

namespace Calc.Engine.Hosting.Runtime;

/// <summary>
/// The one place a running job gets its stores and sinks, for <c>calc run</c> (file or Kafka),
/// <c>calc serve</c> and <c>calc demo</c> alike: device state (latest values, connection status,
/// checkpoints), the job's <c>outputs.tsdb</c> with its storage policy, and the job's lease. A file run
/// wraps its output sink (<see cref="Wrap"/>) and waits for the stores at the end (<see cref="FinishAsync"/>);
/// a Kafka run adds them to its streaming options (<see cref="Apply"/>), where the TSDB sink's
/// <c>Flush</c> returns only once the database acknowledged, so offsets are committed after it.
/// </summary>
internal sealed partial class JobRuntime : IAsyncDisposable, IDisposable
{
    private readonly JobRuntimeOptions _options;
    private readonly bool _ownsState;
    private readonly bool _ownsTsdb;
    private LeaseKeeper? _lease;
    private KafkaPointSink? _events;

    private JobRuntime(JobRuntimeOptions options, StateServices? state, TsdbServices? tsdb)
    {
        _options = options;
        State = state;
        Tsdb = tsdb;
        _ownsState = state is not null && !ReferenceEquals(state, options.SharedState);
        _ownsTsdb = tsdb is not null && !ReferenceEquals(tsdb, options.SharedTsdb);
    }

    /// <summary>The job's device state, or null without one.</summary>
    public StateServices? State { get; }

    /// <summary>Where the job's <c>outputs.tsdb</c> go, or null when it has none.</summary>
    public TsdbServices? Tsdb { get; }

    /// <summary>Input records go here first (null without state).</summary>
    public IOutputSink? InputObserver => _options.ObserveInputs ? State?.InputObserver : null;

    /// <summary>Opens the stores the options ask for (a shared one is used as it is).</summary>
    /// <exception cref="JobRuntimeException">A store cannot be opened or reached (the message names it and says what to do).</exception>
    public static async Task<JobRuntime> OpenAsync(JobRuntimeOptions options, CancellationToken cancellation)
    {
        var state = options.SharedState;
        TsdbServices? tsdb = null;
        try
        {
            if (state is null && options.Stores.State)
            {
                state = await OpenStateAsync(options, cancellation);
                options.Report.WriteLine($"{options.Command}: device state in {(state.Connection.Embedded is null ? "" : "the embedded Garnet at ")}{state.Connection.Endpoint}");
            }

            tsdb = options.Stores.Tsdb ? options.SharedTsdb ?? OpenTsdb(options) : null;
            var runtime = new JobRuntime(options, state, tsdb);
            if (options.StateOwnsCheckpoints && runtime._ownsState)
            {
                runtime._lease = await LeaseKeeper.StartAsync(state!.Connection.Database, options.Job.Id, options.Report);
            }

            return runtime;
        }
        catch
        {
            if (tsdb is not null && !ReferenceEquals(tsdb, options.SharedTsdb))
            {
                await tsdb.DisposeAsync();
            }

            if (state is not null && !ReferenceEquals(state, options.SharedState))
            {
                await state.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>A file run: every output to <paramref name="sink"/> and to the stores.</summary>
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

    /// <summary>A Kafka run: the streaming options with the state observers and sinks, checkpoints, connection events and the durable TSDB sink added.</summary>
    public StreamingOptions Apply(StreamingOptions options, CancellationToken cancellation)
    {
        if (State is { } state)
        {
            options = options with
            {
                InputObservers = InputObserver is { } observer ? [.. options.InputObservers, observer] : options.InputObservers,
                ExtraSinks = [.. options.ExtraSinks, state.OutputSink],
            };
            if (_options.StateOwnsCheckpoints && _ownsState)
            {
                _events = new KafkaPointSink(new KafkaPointSinkOptions { Producer = options.Producer, Topic = options.OutputTopic, JobId = _options.Job.Id });
                state.EventSink = new LockedSink(_events);
                options = options with { Checkpoints = state.Checkpoints(options.InputTopic, _options.Job.OrgId) };
            }
        }

        return Tsdb is null ? options : options with { ExtraSinks = [.. options.ExtraSinks, new DurableTsdbSink(Tsdb.Queue, cancellation)] };
    }

    /// <summary>For the synchronous runners (a Kafka run's thread).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (State is { } state && _ownsState)
        {
            state.FlushAll();
            state.EventSink = null;
        }

        _events?.Flush();
        _events?.Dispose();
        if (_lease is not null)
        {
            await _lease.DisposeAsync();
        }

        if (_ownsTsdb)
        {
            await Tsdb!.DisposeAsync();
        }

        if (_ownsState)
        {
            await State!.DisposeAsync();
        }
    }

    private static async Task<StateServices> OpenStateAsync(JobRuntimeOptions options, CancellationToken cancellation)
    {
        try
        {
            return await StateServices.OpenAsync(options.Stores.StateUrl, Path.Combine(options.DataDirectory, "garnet"), options.Stores.Tracker, options.Loggers, cancellation);
        }
        catch (StackExchange.Redis.RedisException ex)
        {
            throw new JobRuntimeException($"cannot reach the state store {options.Stores.StateUrl ?? "(embedded Garnet)"}: {ex.Message}. Start it, or check the state.url setting / --state URL", ex);
        }
    }

    private static TsdbServices OpenTsdb(JobRuntimeOptions options)
    {
        try
        {
            var tsdb = TsdbServices.Open(options.Stores.TsdbUrl, options.DataDirectory, options.Stores.TsdbPoints, options.Loggers.CreateLogger("calc.tsdb." + options.Job.Id));
            options.Report.WriteLine($"{options.Command}: outputs.tsdb → {tsdb.Description}");
            return tsdb;
        }
        catch (ArgumentException ex)
        {
            throw new JobRuntimeException($"--tsdb / outputs.tsdb: {ex.Message}", ex);
        }
    }
}
