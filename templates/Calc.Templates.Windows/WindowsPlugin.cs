using Calc.Sdk;

namespace Calc.Templates.Windows;

/// <summary>Entry point of the window templates plugin.</summary>
public sealed class WindowsPlugin : ICalcPlugin
{
    /// <inheritdoc />
    public void Register(IPluginRegistry registry) => registry.Add(new TimeWindowAggregationFactory());
}
