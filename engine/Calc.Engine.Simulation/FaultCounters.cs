namespace Calc.Engine.Simulation;

/// <summary>
/// How many faults a run of <see cref="FleetSimulator.Generate(long, long, FaultCounters)"/> injected in its
/// time range, so that a demo can show them and a test can check that the engine noticed each one.
/// Not thread-safe: one instance per enumeration.
/// </summary>
public sealed class FaultCounters
{
    /// <summary>Asset outages that started in the range.</summary>
    public long AssetGaps { get; internal set; }

    /// <summary>Site outages that started in the range.</summary>
    public long SiteGaps { get; internal set; }

    /// <summary>Asset samples (all points of one asset at one time) not emitted because of an outage.</summary>
    public long MissingSamples { get; internal set; }

    /// <summary>Frozen-sensor periods that started in the range.</summary>
    public long StuckPeriods { get; internal set; }

    /// <summary>Records carrying a spike.</summary>
    public long Spikes { get; internal set; }

    /// <summary>Records with a non-zero quality.</summary>
    public long BadQuality { get; internal set; }

    /// <summary>Single records lost.</summary>
    public long Dropped { get; internal set; }

    /// <summary>Inverter meter replacements (TOTAL_YIELD restarting near zero).</summary>
    public long MeterReplacements { get; internal set; }

    /// <summary>First DAILY_YIELD readings of a day that were not reset to 0.</summary>
    public long MidnightGlitches { get; internal set; }

    /// <summary>Turbine curtailment periods that started in the range.</summary>
    public long Curtailments { get; internal set; }

    /// <summary>Records emitted.</summary>
    public long Records { get; internal set; }
}
