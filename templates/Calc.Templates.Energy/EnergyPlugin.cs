using Calc.Sdk;

namespace Calc.Templates.Energy;

/// <summary>Entry point of the energy templates plugin: meter reading, instant power, average power (SPEC §5.3–5.5).</summary>
public sealed class EnergyPlugin : ICalcPlugin
{
    /// <inheritdoc />
    public void Register(IPluginRegistry registry)
    {
        registry.Add(new EnergyFactory(EnergyKind.MeterReading));
        registry.Add(new EnergyFactory(EnergyKind.InstantPower));
        registry.Add(new EnergyFactory(EnergyKind.AveragePower));
    }
}
