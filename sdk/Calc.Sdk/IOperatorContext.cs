using Microsoft.Extensions.Logging;

namespace Calc.Sdk;

/// <summary>What the engine gives an operator instance in <see cref="IOperator.Open"/>.</summary>
public interface IOperatorContext
{
    /// <summary>The job's id.</summary>
    string JobId { get; }

    /// <summary>The job's org; the operator only ever sees records of this org.</summary>
    string OrgId { get; }

    /// <summary>The wall clock.</summary>
    IClock Clock { get; }

    /// <summary>Counters for skipped, filtered and late records.</summary>
    IOperatorMetrics Metrics { get; }

    /// <summary>A logger named after the operator.</summary>
    ILogger Logger { get; }

    /// <summary>Asset attributes from the metadata store.</summary>
    IAssetDirectory Assets { get; }

    /// <summary>Creates threshold/interpolation preprocessors (SPEC §3), the same the engine's <c>threshold</c> step uses.</summary>
    IPreprocessorFactory Preprocessing { get; }

    /// <summary>
    /// The event-time watermark of an asset at this operator's step: the largest event time of the
    /// asset's records that reached the step, not counting the record being processed now (see
    /// <see cref="IWatermarkAware"/>); <see cref="long.MinValue"/> if none yet.
    /// </summary>
    long GetWatermark(string assetId);

    /// <summary>
    /// The trace of the record being processed when its asset is traced (<c>calc run --trace</c>, a served
    /// job's test with <c>trace</c>); null otherwise. Checking it costs one branch; build trace lines only when it is not null.
    /// </summary>
    ITraceSink? Trace => null;

    /// <summary>
    /// Emits an output record downstream (next pipeline step, then the job's sinks). The record is
    /// copied; the caller may reuse its variables. Must be called on the operator's lane.
    /// </summary>
    void Emit(in PointRecord record);
}
