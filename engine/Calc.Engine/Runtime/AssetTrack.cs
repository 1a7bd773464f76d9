using System.Runtime.CompilerServices;

namespace Calc.Engine.Runtime;

/// <summary>
/// Per-asset progress of a lane: the event-time watermark of every step (each step's own, see
/// <see cref="StepRunner"/>) and the wall-clock arrival used for idle close. The watermarks of the first
/// <see cref="WatermarkSlots.Count"/> steps live in the object itself: one cache line per record, no array to chase.
/// </summary>
internal sealed class AssetTrack
{
    public long LastArrivalMs;
    public bool IdleFlushed;

    /// <summary>False while only records made by steps (a group's outputs) have come for this asset: those then count as its arrivals.</summary>
    public bool FromSource;

    /// <summary>Per step: the largest event time of the asset's records that reached it; <see cref="long.MinValue"/> before the first.</summary>
    private WatermarkSlots _inline;
    private long[]? _more;

    public AssetTrack() => ((Span<long>)_inline).Fill(long.MinValue);

    /// <summary>The watermark of step <paramref name="step"/> (steps past the inline ones need <see cref="Reserve"/> first).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref long Watermark(int step)
    {
        if ((uint)step < WatermarkSlots.Count)
        {
            return ref Unsafe.Add(ref Unsafe.As<WatermarkSlots, long>(ref _inline), step);
        }

        return ref _more![step - WatermarkSlots.Count];
    }

    /// <summary>Makes room for the watermarks of a job with more steps than fit inline.</summary>
    public void Reserve(int steps)
    {
        if (steps > WatermarkSlots.Count && _more is null)
        {
            _more = new long[steps - WatermarkSlots.Count];
            Array.Fill(_more, long.MinValue);
        }
    }
}
