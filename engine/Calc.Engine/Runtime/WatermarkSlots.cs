using System.Runtime.CompilerServices;

namespace Calc.Engine.Runtime;

/// <summary>The watermarks of a job's first steps, stored inline in an <see cref="AssetTrack"/>.</summary>
[InlineArray(Count)]
internal struct WatermarkSlots
{
    public const int Count = 4;

    private long _first;
}
