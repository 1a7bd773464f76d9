using Calc.Sdk;

namespace Calc.Engine.Plugins;

/// <summary>The registry a plugin's entry point sees: only ids its manifest lists are accepted.</summary>
internal sealed class PluginRegistration(OperatorRegistry registry, PluginManifest manifest) : IPluginRegistry
{
    public List<string> Added { get; } = [];

    public void Add(IOperatorFactory factory)
    {
        var declared = manifest.Operators.FirstOrDefault(o => o.Id == factory.Id)
            ?? throw new InvalidOperationException($"plugin '{manifest.Id}' registers '{factory.Id}', which its manifest does not list");
        var kind = factory.Kind == OperatorKind.Template ? "template" : "operator";
        if (declared.Kind != kind)
        {
            throw new InvalidOperationException($"plugin '{manifest.Id}' registers '{factory.Id}' as {kind}, but its manifest says {declared.Kind}");
        }

        registry.Register(factory, declared, manifest.Id, manifest.Version);
        Added.Add(factory.Id);
    }
}
