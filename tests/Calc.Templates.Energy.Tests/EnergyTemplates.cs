using Calc.Sdk;

namespace Calc.Templates.Energy.Tests;

/// <summary>The three factories, taken from the plugin's public entry point as the engine would.</summary>
internal static class EnergyTemplates
{
    private static readonly Dictionary<string, IOperatorFactory> Factories = Load();

    public static IOperatorFactory MeterReading => Factories["energy-by-meter-reading"];

    public static IOperatorFactory InstantPower => Factories["energy-by-instant-power"];

    public static IOperatorFactory AveragePower => Factories["energy-by-average-power"];

    public static IOperatorFactory ById(string id) => Factories[id];

    private static Dictionary<string, IOperatorFactory> Load()
    {
        var registry = new Registry();
        new EnergyPlugin().Register(registry);
        return registry.Added;
    }

    private sealed class Registry : IPluginRegistry
    {
        public Dictionary<string, IOperatorFactory> Added { get; } = [];

        public void Add(IOperatorFactory factory) => Added.Add(factory.Id, factory);
    }
}
