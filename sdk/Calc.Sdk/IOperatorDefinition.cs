namespace Calc.Sdk;

/// <summary>
/// A validated, compiled operator configuration. Immutable and thread-safe: the engine creates one
/// instance per processing lane from it.
/// </summary>
public interface IOperatorDefinition
{
    /// <summary>The points the operator reads (used to route records and to check pipelines).</summary>
    IReadOnlyList<PointRef> Inputs { get; }

    /// <summary>The points the operator writes.</summary>
    IReadOnlyList<PointRef> Outputs { get; }

    /// <summary>
    /// How long (ms of event time) the operator keeps windows open for late records (its
    /// <c>latency</c> setting). The engine waits this long plus the job's <c>idleTimeout</c> of wall-clock
    /// idleness before it calls <see cref="IFlushable.FlushAsset"/> for a silent asset.
    /// </summary>
    long AllowedLatencyMs => 0;

    /// <summary>
    /// The event times of the input records that the output <paramref name="output"/> at <paramref name="time"/>
    /// is computed from (for example the window that starts at <paramref name="time"/>), so that
    /// <c>calc explain</c> can show them; null (the default) when the operator does not say, and then every
    /// record up to <paramref name="time"/> is shown.
    /// </summary>
    SourceRange? SourceOf(PointRef output, long time) => null;

    /// <summary>
    /// The key of the group whose state the record belongs to, for an operator whose state spans assets (a
    /// group of assets, such as a site's inverters): on a Kafka topic with several partitions the engine
    /// re-keys the job's records by it through a repartition topic, so that one lane sees every member of a
    /// group. Null (the default) for an operator whose state is per asset, and for a record with no group.
    /// Called once per asset until it gives a key (the engine keeps it), and from one thread at a time.
    /// </summary>
    string? GroupKeyOf(in PointRecord record, IAssetDirectory assets) => null;

    /// <summary>A new instance with empty state.</summary>
    IOperator CreateInstance();
}
