using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Engine.Plugins.Tests;

internal sealed class CollectingSink : IOutputSink
{
    public List<PointRecord> Records { get; } = [];

    public void Write(in PointRecord record) => Records.Add(record);

    public void Flush()
    {
    }
}
