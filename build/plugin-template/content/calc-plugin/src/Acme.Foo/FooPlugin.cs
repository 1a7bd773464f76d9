using Calc.Sdk;

namespace Acme.Foo;

/// <summary>The plugin's entry point (calc-plugin.json's entryType): registers what the manifest declares.</summary>
public sealed class FooPlugin : ICalcPlugin
{
    /// <summary>The operator's id, as in the manifest.</summary>
    public const string ScaleId = "acme.foo.scale";

    /// <inheritdoc />
    public void Register(IPluginRegistry registry) => registry.Add(new ScaleFactory());
}
