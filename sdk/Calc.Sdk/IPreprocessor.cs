namespace Calc.Sdk;

/// <summary>
/// Applies a threshold and an interpolation to the records of one point, per asset. Keeps the last
/// valid value (and, for linear interpolation, the records waiting for the next valid value) of every
/// asset. Counts what it filters (<c>filtered.threshold</c>, <c>filtered.quality</c>,
/// <c>filtered.nonNumeric</c>, <c>filtered.maxRate</c>, <c>filtered.maxGap</c>) in the operator's metrics.
/// Used on one lane, like the operator that created it.
/// </summary>
public interface IPreprocessor : ICheckpointable
{
    /// <summary>
    /// Feeds one record of the point. Calls <paramref name="sink"/> zero or more times: with linear
    /// interpolation an invalid record is held until the next valid one arrives, and then both are
    /// released in order.
    /// </summary>
    void Process(in PointRecord record, ISampleSink sink);

    /// <summary>Releases what is held for one asset (as invalid: no next value will come).</summary>
    void Flush(string assetId, ISampleSink sink);

    /// <summary>Releases what is held for every asset.</summary>
    void FlushAll(ISampleSink sink);
}
