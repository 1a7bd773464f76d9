using Calc.Sdk;

namespace Calc.Engine.Plugins;

/// <summary>
/// The registry a plugin's entry point sees. It accepts only what the manifest declares, with the
/// declared kind, once; anything else is a problem of the plugin (and, as the SDK documents, an
/// <see cref="InvalidOperationException"/> for the plugin's <c>Register</c>).
/// </summary>
internal sealed class PluginRegistration(PluginManifest manifest) : IPluginRegistry
{
    private readonly List<(IOperatorFactory Factory, OperatorManifest Manifest)> _added = [];

    public IReadOnlyList<(IOperatorFactory Factory, OperatorManifest Manifest)> Added => _added;

    public List<string> Problems { get; } = [];

    public void Add(IOperatorFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var id = factory.Id;
        var declared = manifest.Operators.FirstOrDefault(o => o.Id == id);
        var kind = factory.Kind == OperatorKind.Template ? "template" : "operator";
        var problem = declared is null ? $"registers '{id}', which its manifest does not list"
            : declared.Kind != kind ? $"registers '{id}' as {kind}, but its manifest says {declared.Kind}"
            : _added.Exists(a => a.Factory.Id == id) ? $"registers '{id}' twice"
            : null;
        if (problem is not null)
        {
            Problems.Add(problem);
            throw new InvalidOperationException($"plugin '{manifest.Id}' {problem}");
        }

        _added.Add((factory, declared!));
    }

    /// <summary>After <c>Register</c>: every declared operator must have been registered.</summary>
    public void CheckComplete()
    {
        foreach (var declared in manifest.Operators)
        {
            if (!_added.Exists(a => a.Factory.Id == declared.Id))
            {
                Problems.Add($"declares {declared.Kind} '{declared.Id}' in its manifest but does not register it");
            }
        }
    }
}
