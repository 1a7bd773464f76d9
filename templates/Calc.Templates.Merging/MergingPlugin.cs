using Calc.Sdk;

namespace Calc.Templates.Merging;

/// <summary>Entry point of the multi-point merging plugin.</summary>
public sealed class MergingPlugin : ICalcPlugin
{
    /// <inheritdoc />
    public void Register(IPluginRegistry registry) => registry.Add(new MultiPointMergingFactory());
}
