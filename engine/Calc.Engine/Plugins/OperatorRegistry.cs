using Calc.Sdk;

namespace Calc.Engine.Plugins;

/// <summary>
/// Every template and operator Calc can run, built-in or from plugins, by id. Built-in templates are
/// registered here by the same loader as a partner's plugin.
/// </summary>
public sealed class OperatorRegistry
{
    private readonly Dictionary<string, RegisteredOperator> _operators = new(StringComparer.Ordinal);

    public IReadOnlyCollection<RegisteredOperator> All => _operators.Values;

    public bool TryGet(string id, out RegisteredOperator registered) => _operators.TryGetValue(id, out registered!);

    /// <exception cref="InvalidOperationException">The id is already registered.</exception>
    public void Register(IOperatorFactory factory, OperatorManifest? manifest, string pluginId, string pluginVersion)
    {
        if (_operators.TryGetValue(factory.Id, out var existing))
        {
            throw new InvalidOperationException(
                $"operator '{factory.Id}' from plugin '{pluginId}' is already provided by plugin '{existing.PluginId}' {existing.PluginVersion}");
        }

        _operators[factory.Id] = new RegisteredOperator(factory, manifest, pluginId, pluginVersion);
    }

    /// <summary>Removes every operator of a plugin (before a newer version is loaded).</summary>
    public void RemovePlugin(string pluginId)
    {
        foreach (var id in _operators.Where(o => o.Value.PluginId == pluginId).Select(o => o.Key).ToList())
        {
            _operators.Remove(id);
        }
    }
}
