namespace Calc.Engine.Runtime;

/// <summary>
/// Per-asset progress of a lane: the event-time watermark of every step (each step's own, see
/// <see cref="StepRunner"/>) and the wall-clock arrival used for idle close.
/// </summary>
internal sealed class AssetTrack
{
    /// <summary>Per step (by index): the largest event time of the asset's records that reached it; <see cref="long.MinValue"/> before the first.</summary>
    public long[] Watermarks = [];
    public long LastArrivalMs;
    public bool IdleFlushed;

    /// <summary>False while only records made by steps (a group's outputs) have come for this asset: those then count as its arrivals.</summary>
    public bool FromSource;
}
