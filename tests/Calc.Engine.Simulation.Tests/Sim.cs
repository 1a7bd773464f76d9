using Calc.Sdk;

namespace Calc.Engine.Simulation.Tests;

/// <summary>Small helpers to run a simulated fleet in tests.</summary>
internal static class Sim
{
    public const long DayMs = 86_400_000;

    /// <summary>UTC+05:30, the PV sites' local time.</summary>
    public const long IndiaOffsetMs = 19_800_000;

    /// <summary>2020-05-15T00:00+05:30, the default start.</summary>
    public const long DefaultStartMs = 1589481000000;

    public static List<PointRecord> Run(FleetOptions options, double days, FaultCounters? counters = null)
    {
        var simulator = new FleetSimulator(options);
        return simulator.Generate(simulator.StartMs, simulator.StartMs + (long)(days * DayMs), counters).ToList();
    }

    public static FleetOptions Clean(int inverters = 4, int turbines = 0) =>
        new() { InverterCount = inverters, TurbineCount = turbines, Faults = FaultRates.None };

    /// <summary>Minutes since local midnight at UTC+05:30.</summary>
    public static int LocalMinute(long time) => (int)((time + IndiaOffsetMs) % DayMs / 60_000);

    /// <summary>Local day number at UTC+05:30.</summary>
    public static long LocalDay(long time) => (time + IndiaOffsetMs) / DayMs;

    /// <summary>Comparable form of records: attributes are objects (compared by reference), so compare their JSON.</summary>
    public static List<(PointRecord Record, string? Attr)> Comparable(this IEnumerable<PointRecord> records) =>
        records.Select(r => (r with { Attr = null }, r.Attr?.ToString())).ToList();

    public static IEnumerable<IGrouping<string, PointRecord>> Series(this IEnumerable<PointRecord> records, string pointId) =>
        records.Where(r => r.PointId == pointId).GroupBy(r => r.AssetId);
}
