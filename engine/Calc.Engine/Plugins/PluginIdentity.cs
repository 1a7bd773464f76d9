namespace Calc.Engine.Plugins;

/// <summary>A plugin's id and version, as its manifest gives them.</summary>
public sealed record PluginIdentity(string Id, string Version)
{
    public override string ToString() => Id + " " + Version;
}
