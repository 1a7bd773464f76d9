namespace Calc.Engine.Simulation.Internal;

/// <summary>What the assets of one site share: the weather, and outages of the site's link.</summary>
internal abstract class SimSite(string siteId, Rng rng)
{
    private long _outageUntil = long.MinValue;

    public string SiteId { get; } = siteId;

    public Rng Rng { get; } = rng;

    /// <summary>True when the whole site is silent at <paramref name="t"/>; may start an outage.</summary>
    public bool InOutage(long t, FaultPlan plan, TickWriter writer)
    {
        if (t < _outageUntil)
        {
            return true;
        }

        if (Rng.Chance(plan.SiteGap))
        {
            _outageUntil = t + (long)Rng.LogUniform(plan.GapMinMs, plan.GapMaxMs);
            writer.CountSiteGap();
            return true;
        }

        return false;
    }
}
