namespace Calc.Engine.Simulation;

/// <summary>Model and point ids used by the simulated fleet and by the real-data converter.</summary>
public static class FleetPoints
{
    /// <summary>Model id of PV inverters.</summary>
    public const string InverterModel = "inverter";

    /// <summary>Model id of wind turbines.</summary>
    public const string TurbineModel = "turbine";

    /// <summary>Inverter AC output power, kW (instant power).</summary>
    public const string AcPower = "AC_POWER";

    /// <summary>Inverter DC input power, kW (about 10x AC, as in the real plant's data).</summary>
    public const string DcPower = "DC_POWER";

    /// <summary>Energy since local midnight, kWh; resets every day.</summary>
    public const string DailyYield = "DAILY_YIELD";

    /// <summary>Lifetime energy meter, kWh.</summary>
    public const string TotalYield = "TOTAL_YIELD";

    /// <summary>Turbine active power, kW.</summary>
    public const string ActivePower = "ActivePower";

    /// <summary>Hub wind speed, m/s.</summary>
    public const string WindSpeed = "WindSpeed";

    /// <summary>The power curve's value for the measured wind speed, kW.</summary>
    public const string TheoreticalPower = "TheoreticalPower";

    /// <summary>Wind direction, degrees.</summary>
    public const string WindDirection = "WindDirection";

    /// <summary>Points of an inverter, in the order the simulator emits them at each sample.</summary>
    public static IReadOnlyList<string> InverterPoints { get; } = [AcPower, DcPower, DailyYield, TotalYield];

    /// <summary>Points of a turbine, in the order the simulator emits them at each sample.</summary>
    public static IReadOnlyList<string> TurbinePoints { get; } = [ActivePower, WindSpeed, TheoreticalPower, WindDirection];
}
