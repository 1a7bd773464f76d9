using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Engine.Hosting.Stores;

/// <summary>Makes a single-threaded sink (a Kafka producer sink) safe for writers on several threads (connection events come from the lane and from the tracker's timer).</summary>
internal sealed class LockedSink(IOutputSink inner) : IOutputSink
{
    private readonly Lock _gate = new();

    public void Write(in PointRecord record)
    {
        lock (_gate)
        {
            inner.Write(in record);
        }
    }

    public void Flush()
    {
        lock (_gate)
        {
            inner.Flush();
        }
    }
}
