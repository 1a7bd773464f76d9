namespace Calc.Engine.Simulation.Internal;

/// <summary>The fault rates of <see cref="FaultRates"/> turned into per-tick probabilities for one sample interval.</summary>
internal sealed class FaultPlan
{
    public const double DayMs = 86_400_000;

    public FaultPlan(FaultRates rates, long intervalMs)
    {
        var days = intervalMs / DayMs;
        AssetGap = PerTick(rates.AssetGapsPerDay, days);
        SiteGap = PerTick(rates.SiteGapsPerDay, days);
        Stuck = PerTick(rates.StuckPerAssetDay, days);
        MeterReplacement = PerTick(rates.MeterReplacementsPerAssetYear / 365.25, days);
        Curtailment = PerTick(rates.CurtailmentsPerTurbineDay, days);
        GapMinMs = rates.GapMin.TotalMilliseconds;
        GapMaxMs = rates.GapMax.TotalMilliseconds;
        StuckMinMs = rates.StuckMin.TotalMilliseconds;
        StuckMaxMs = rates.StuckMax.TotalMilliseconds;
        CurtailMinMs = rates.CurtailmentMin.TotalMilliseconds;
        CurtailMaxMs = rates.CurtailmentMax.TotalMilliseconds;
        MidnightGlitch = rates.MidnightGlitchProbability;
    }

    public double AssetGap { get; }

    public double SiteGap { get; }

    public double Stuck { get; }

    public double MeterReplacement { get; }

    public double Curtailment { get; }

    public double MidnightGlitch { get; }

    public double GapMinMs { get; }

    public double GapMaxMs { get; }

    public double StuckMinMs { get; }

    public double StuckMaxMs { get; }

    public double CurtailMinMs { get; }

    public double CurtailMaxMs { get; }

    /// <summary>Probability that a Poisson process of <paramref name="perDay"/> events a day fires within one tick.</summary>
    private static double PerTick(double perDay, double days) => perDay <= 0 ? 0 : -double.ExpM1(-perDay * days);
}
