using Calc.Sdk;

namespace Calc.Engine.State.Internal;

/// <summary>
/// What the writer knows of one point of one asset: the newest time seen or stored, and, when it
/// came from a record, the value to write.
/// </summary>
internal struct PointSlot
{
    public long Time;
    public PointValue Value;
    public int Quality;

    /// <summary>Holds a value newer than what Garnet has.</summary>
    public bool Dirty;
}
