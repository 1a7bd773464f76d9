namespace Calc.Engine.Simulation;

/// <summary>
/// How often the simulator injects the faults real fleets have. Rates are per asset (or site) per day of
/// simulated time, so they do not depend on the sample interval; probabilities are per emitted record.
/// The defaults are of the order measured on the real data (docs/demo-data.md).
/// </summary>
public sealed record FaultRates
{
    /// <summary>No faults at all: clean physics only.</summary>
    public static FaultRates None { get; } = new()
    {
        AssetGapsPerDay = 0,
        SiteGapsPerDay = 0,
        StuckPerAssetDay = 0,
        SpikeProbability = 0,
        BadQualityProbability = 0,
        DropProbability = 0,
        MeterReplacementsPerAssetYear = 0,
        MidnightGlitchProbability = 0,
        CurtailmentsPerTurbineDay = 0,
    };

    /// <summary>Communication outages of one asset (all its points missing) per asset-day.</summary>
    public double AssetGapsPerDay { get; init; } = 0.2;

    /// <summary>Outages of a whole site (every asset of it missing) per site-day.</summary>
    public double SiteGapsPerDay { get; init; } = 0.25;

    /// <summary>Shortest outage; lengths are log-uniform between this and <see cref="GapMax"/>.</summary>
    public TimeSpan GapMin { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Longest outage.</summary>
    public TimeSpan GapMax { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Frozen sensors per asset-day: one instant point repeats its last value.</summary>
    public double StuckPerAssetDay { get; init; } = 0.05;

    /// <summary>Shortest frozen period; log-uniform up to <see cref="StuckMax"/>.</summary>
    public TimeSpan StuckMin { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Longest frozen period.</summary>
    public TimeSpan StuckMax { get; init; } = TimeSpan.FromHours(3);

    /// <summary>Probability that an instant-power or speed record carries a spike (value x 5..15).</summary>
    public double SpikeProbability { get; init; } = 2e-4;

    /// <summary>Probability that a record carries a non-zero quality (<see cref="BadQualityCode"/>).</summary>
    public double BadQualityProbability { get; init; } = 1e-3;

    /// <summary>The quality code of records flagged bad.</summary>
    public int BadQualityCode { get; init; } = 1;

    /// <summary>Probability that one record is lost on its own (the other points of the sample arrive).</summary>
    public double DropProbability { get; init; } = 5e-4;

    /// <summary>Inverter meter replacements per inverter-year: TOTAL_YIELD restarts near zero.</summary>
    public double MeterReplacementsPerAssetYear { get; init; } = 2;

    /// <summary>
    /// Probability per inverter-day that the first DAILY_YIELD of the day is not 0 but the previous day's
    /// total divided by 4 or 8, as 24 % of the real plant's days show at 00:00.
    /// </summary>
    public double MidnightGlitchProbability { get; init; } = 0.1;

    /// <summary>Curtailment or stop periods per turbine-day (ActivePower limited, TheoreticalPower not).</summary>
    public double CurtailmentsPerTurbineDay { get; init; } = 0.5;

    /// <summary>Shortest curtailment; log-uniform up to <see cref="CurtailmentMax"/>.</summary>
    public TimeSpan CurtailmentMin { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Longest curtailment.</summary>
    public TimeSpan CurtailmentMax { get; init; } = TimeSpan.FromHours(12);
}
