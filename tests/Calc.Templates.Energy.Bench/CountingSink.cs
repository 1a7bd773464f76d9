using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Templates.Energy.Bench;

/// <summary>An output sink that only counts, so the figure is the engine and template alone.</summary>
internal sealed class CountingSink : IOutputSink
{
    public long Count { get; private set; }

    public double LastValue { get; private set; }

    public void Write(in PointRecord record)
    {
        Count++;
        LastValue = record.Value.Number;
    }

    public void Flush()
    {
    }
}
