namespace Calc.Engine.Runtime;

/// <summary>Per-asset progress of a lane: event-time watermark and wall-clock arrival (for idle close).</summary>
internal sealed class AssetTrack
{
    public long Watermark = long.MinValue;
    public long LastArrivalMs;
    public bool IdleFlushed;
}
