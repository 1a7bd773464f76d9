namespace Calc.Sdk.Testing;

/// <summary>Gets the factories a plugin registers through its public entry point, as Calc would.</summary>
public static class PluginFactories
{
    /// <summary>Every factory the plugin registers.</summary>
    public static IReadOnlyList<IOperatorFactory> All(ICalcPlugin plugin)
    {
        var registry = new Collector();
        plugin.Register(registry);
        return registry.Factories;
    }

    /// <summary>The factory the plugin registers for <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentException">The plugin registers no such id.</exception>
    public static IOperatorFactory Get(ICalcPlugin plugin, string id) =>
        All(plugin).FirstOrDefault(f => f.Id == id)
        ?? throw new ArgumentException($"the plugin registers no operator '{id}'", nameof(id));

    private sealed class Collector : IPluginRegistry
    {
        public List<IOperatorFactory> Factories { get; } = [];

        public void Add(IOperatorFactory factory) => Factories.Add(factory);
    }
}
