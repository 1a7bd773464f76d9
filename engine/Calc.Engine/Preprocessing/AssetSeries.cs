using Calc.Sdk;

namespace Calc.Engine.Preprocessing;

/// <summary>Per-asset preprocessing state: the last valid sample and, for linear interpolation, the records waiting for the next one.</summary>
internal sealed class AssetSeries
{
    public bool HasLast;
    public double LastValue;
    public long LastTime;
    public Queue<Pending>? Waiting;

    /// <summary>A held record, why it is invalid, and its ticket in the lane's record accounting (0: none).</summary>
    internal readonly record struct Pending(PointRecord Record, string Reason, long Ticket);
}
