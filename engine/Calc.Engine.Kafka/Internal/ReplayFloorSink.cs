using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Engine.Kafka.Internal;

/// <summary>
/// A replay's outputs: one dated before the replay's start belongs to a window or day the replay does not
/// recompute (it began before the state did, so it would hold only part of its records) and is dropped,
/// leaving the value that was written for it before.
/// </summary>
internal sealed class ReplayFloorSink(IOutputSink inner, long fromMs) : IOutputSink
{
    private long _dropped;

    /// <summary>Outputs dropped because they are dated before the replay's start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Write(in PointRecord record)
    {
        if (record.Time < fromMs)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        inner.Write(in record);
    }

    public void Flush() => inner.Flush();
}
