using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Calc.Engine;
using Calc.Engine.Plugins;
using Calc.Engine.Runtime;

namespace Calc.Sdk.Testing;

/// <summary>
/// Runs one template or operator through the real engine (validation, per-asset event time,
/// preprocessing, idle close, checkpoints) with a fake clock and in-memory outputs, like Kafka
/// Streams' TopologyTestDriver. Records go in with <see cref="Send(in PointRecord)"/>; outputs
/// collect in <see cref="Outputs"/>.
/// </summary>
public sealed class OperatorTestDriver
{
    private readonly CollectingSink _sink = new();
    private readonly JobInstance _lane;
    private readonly Func<OperatorTestDriver> _restart;

    /// <summary>Validates the configuration and opens the operator.</summary>
    /// <param name="factory">The template or operator factory under test.</param>
    /// <param name="configJson">For a template <c>{"settings":{…},"policies":[…]}</c>; for an operator <c>{"params":{…}}</c>.</param>
    /// <param name="options">Org, clock, attributes, idle timeout and rule compiler.</param>
    /// <exception cref="InvalidConfigurationException">The configuration has problems.</exception>
    public OperatorTestDriver(IOperatorFactory factory, string configJson, DriverOptions? options = null)
        : this([factory], JobJson(factory, configJson, options ?? new DriverOptions()), options)
    {
    }

    private OperatorTestDriver(IReadOnlyList<IOperatorFactory> factories, string jobJson, DriverOptions? options)
    {
        Options = options ?? new DriverOptions();
        var registry = new OperatorRegistry();
        foreach (var factory in factories)
        {
            // An explicit manifest is for the one factory under test; others are found next to their assembly.
            var manifest = factories.Count == 1 && Options.Manifest is { } given ? given : ManifestLookup.Find(factory);
            registry.Register(factory, manifest, "test", "0.0.0");
        }

        var engine = CalcEngine.Create(registry, Options.Compiler ?? TestCompilers.Default);
        var problems = new ProblemList();
        var job = engine.Compile(jobJson, problems);
        if (job is null)
        {
            throw new InvalidConfigurationException(problems.Items);
        }

        Clock = Options.Clock ?? new FakeClock();
        _lane = new JobInstance(job, _sink, Clock, Options.Assets);
        _lane.Open();
        _restart = () => new OperatorTestDriver(factories, jobJson, Options with { Clock = Clock });
    }

    /// <summary>
    /// Runs a whole job (for example a <c>pipeline</c> whose steps use the given templates and operators
    /// next to the built-in steps) through the real engine, as <see cref="OperatorTestDriver(IOperatorFactory, string, DriverOptions?)"/>
    /// runs one operator. The job's <c>orgId</c> should be <see cref="DriverOptions.OrgId"/>.
    /// </summary>
    /// <param name="factories">The templates and operators the job uses.</param>
    /// <param name="jobJson">The whole job document.</param>
    /// <param name="options">Org, clock, attributes and rule compiler (the idle timeout is the job's own).</param>
    /// <exception cref="InvalidConfigurationException">The job has problems.</exception>
    public static OperatorTestDriver ForJob(IReadOnlyList<IOperatorFactory> factories, string jobJson, DriverOptions? options = null) =>
        new(factories, jobJson, options);

    /// <summary>The options the driver runs with.</summary>
    public DriverOptions Options { get; }

    /// <summary>The wall clock; move it with <see cref="AdvanceClock"/>.</summary>
    public FakeClock Clock { get; }

    /// <summary>Every output record so far, in emission order.</summary>
    public IList<PointRecord> Outputs => _sink.Records;

    /// <summary>Counters the operator and preprocessing reported (<c>tooLate</c>, <c>filtered.threshold</c>, …), per policy.</summary>
    public IReadOnlyDictionary<string, long> Counters => _lane.Metrics.Counters;

    /// <summary>Input records counted as processed by the job summary (each record once; see <see cref="IOperatorMetrics"/>).</summary>
    public long Processed => _lane.Metrics.Processed;

    /// <summary>Input records the job summary counts as filtered, by the first reason given (each record once).</summary>
    public IReadOnlyDictionary<string, long> FilteredBy => _lane.Metrics.FilteredBy;

    /// <summary>Input records held by a linear repair and not yet counted.</summary>
    public int Held => _lane.Held;

    /// <summary>Feeds one record.</summary>
    public void Send(in PointRecord record) => _lane.Process(in record);

    /// <summary>Feeds one numeric record of <paramref name="point"/> (<c>model::point</c>) of an asset of the driver's org.</summary>
    public void Send(string point, string assetId, long time, double value, int quality = 0) =>
        Send(point, assetId, time, PointValue.FromNumber(value), quality);

    /// <summary>Feeds one record with any value.</summary>
    public void Send(string point, string assetId, long time, PointValue value, int quality = 0, PointAttributes? attr = null)
    {
        if (!PointRef.TryParse(point, out var p))
        {
            throw new ArgumentException($"'{point}' is not model::point", nameof(point));
        }

        Send(new PointRecord { OrgId = Options.OrgId, ModelId = p.ModelId, AssetId = assetId, PointId = p.PointId, Time = time, Value = value, Quality = quality, Attr = attr });
    }

    /// <summary>Moves the wall clock and runs what is due (timers, idle close).</summary>
    public void AdvanceClock(long milliseconds)
    {
        Clock.Advance(milliseconds);
        _lane.Tick();
    }

    /// <summary>Ends the input: every open window and bucket is flushed as final.</summary>
    public void EndOfInput() => _lane.FlushAll();

    /// <summary>The operator's whole state as the engine would checkpoint it.</summary>
    public string Checkpoint()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            _lane.WriteCheckpoint(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A new driver (a restarted engine) whose state is this driver's checkpoint; outputs start empty.</summary>
    public OperatorTestDriver Restart()
    {
        var state = Checkpoint();
        var next = _restart();
        using var doc = JsonDocument.Parse(state);
        next._lane.RestoreCheckpoint(doc.RootElement);
        return next;
    }

    private static string JobJson(IOperatorFactory factory, string configJson, DriverOptions options)
    {
        var config = JsonNode.Parse(configJson)?.AsObject() ?? throw new ArgumentException("configJson must be a JSON object", nameof(configJson));
        var job = new JsonObject
        {
            ["id"] = "test",
            ["orgId"] = options.OrgId,
            ["idleTimeout"] = Duration.Format(options.IdleTimeoutMs),
        };
        if (factory.Kind == OperatorKind.Template)
        {
            job["template"] = factory.Id;
            job["settings"] = config["settings"]?.DeepClone() ?? new JsonObject();
            job["policies"] = config["policies"]?.DeepClone();
        }
        else
        {
            job["pipeline"] = new JsonArray(new JsonObject { ["op"] = factory.Id, ["params"] = config["params"]?.DeepClone() ?? new JsonObject() });
        }

        return job.ToJsonString();
    }
}
