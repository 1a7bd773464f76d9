using Calc.Sdk;

namespace Calc.Engine.Runtime;

/// <summary>Writes every output to several sinks (Kafka, device state, a TSDB…).</summary>
public sealed class CompositeSink(IReadOnlyList<IOutputSink> sinks) : IOutputSink
{
    private readonly IOutputSink[] _sinks = [.. sinks];

    public void Write(in PointRecord record)
    {
        for (var i = 0; i < _sinks.Length; i++)
        {
            _sinks[i].Write(in record);
        }
    }

    public void Flush()
    {
        foreach (var sink in _sinks)
        {
            sink.Flush();
        }
    }
}
