using Calc.Engine.Runtime;

namespace Calc.Sdk.Testing;

internal sealed class CollectingSink : IOutputSink
{
    public List<PointRecord> Records { get; } = [];

    public void Write(in PointRecord record) => Records.Add(record);

    public void Flush()
    {
    }
}
