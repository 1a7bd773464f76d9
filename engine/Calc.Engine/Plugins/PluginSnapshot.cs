namespace Calc.Engine.Plugins;

/// <summary>The plugin versions new jobs get at one moment, and the registry made of their operators. Immutable.</summary>
internal sealed class PluginSnapshot(OperatorRegistry registry, PluginInstall[] installs)
{
    public static PluginSnapshot Empty { get; } = new(new OperatorRegistry(), []);

    public OperatorRegistry Registry => registry;

    public PluginInstall[] Installs => installs;
}
