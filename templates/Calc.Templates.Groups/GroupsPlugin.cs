using Calc.Sdk;

namespace Calc.Templates.Groups;

/// <summary>Entry point of the group templates plugin.</summary>
public sealed class GroupsPlugin : ICalcPlugin
{
    /// <inheritdoc />
    public void Register(IPluginRegistry registry) => registry.Add(new AssetGroupAggregationFactory());
}
