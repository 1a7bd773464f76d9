using Calc.Sdk;

namespace Calc.Engine.Plugins;

/// <summary>A plugin operator's definition, marked with its plugin (see <see cref="PluginOperatorFactory"/>).</summary>
internal sealed class PluginOperatorDefinition(IOperatorDefinition inner, PluginIdentity plugin) : IOperatorDefinition
{
    public PluginIdentity Plugin => plugin;

    public IReadOnlyList<PointRef> Inputs => inner.Inputs;

    public IReadOnlyList<PointRef> Outputs => inner.Outputs;

    public long AllowedLatencyMs => inner.AllowedLatencyMs;

    public SourceRange? SourceOf(PointRef output, long time) => inner.SourceOf(output, time);

    public string? GroupKeyOf(in PointRecord record, IAssetDirectory assets) => inner.GroupKeyOf(in record, assets);

    public IOperator CreateInstance() => inner.CreateInstance();
}
