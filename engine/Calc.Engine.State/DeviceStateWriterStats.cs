namespace Calc.Engine.State;

/// <summary>Counters of a <see cref="DeviceStateWriter"/> since it was created.</summary>
/// <param name="Observed">Records accepted into the buffer.</param>
/// <param name="Stale">Records ignored because a newer value of the point was already known or stored.</param>
/// <param name="PointsWritten">Field values written to Garnet.</param>
/// <param name="HashWrites">HSET (or script) commands sent.</param>
/// <param name="Flushes">Flush rounds that wrote something.</param>
/// <param name="FailedFlushes">Flush rounds that failed (their values were kept and retried).</param>
/// <param name="Pending">Values buffered now.</param>
/// <param name="TrackedAssets">Assets held in memory now.</param>
public readonly record struct DeviceStateWriterStats(
    long Observed, long Stale, long PointsWritten, long HashWrites, long Flushes, long FailedFlushes, int Pending, int TrackedAssets);
