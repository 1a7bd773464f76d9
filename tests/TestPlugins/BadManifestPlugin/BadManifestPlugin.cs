using Calc.Sdk;

namespace BadManifestPlugin;

/// <summary>Never loaded: its manifest is refused before any code loads.</summary>
public sealed class BadManifestPlugin : ICalcPlugin
{
    public void Register(IPluginRegistry registry) => throw new InvalidOperationException("a plugin with an invalid manifest must not be loaded");
}
