using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Engine.Kafka.Internal;

/// <summary>
/// The sinks of a run's lanes: once the run gave up a stuck lane (<see cref="Abandon"/>), whatever the
/// lane still writes if it ever returns is dropped — its input is not committed, so it is read and
/// computed again by the next run, and its outputs must not reach Kafka, the TSDB or the device state.
/// </summary>
internal sealed class AbandonableSink(IOutputSink inner) : IOutputSink
{
    private volatile bool _abandoned;

    public bool IsAbandoned => _abandoned;

    public void Abandon() => _abandoned = true;

    public void Write(in PointRecord record)
    {
        if (!_abandoned)
        {
            inner.Write(in record);
        }
    }

    public void Flush()
    {
        if (!_abandoned)
        {
            inner.Flush();
        }
    }
}
