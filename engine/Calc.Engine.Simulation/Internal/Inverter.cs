namespace Calc.Engine.Simulation.Internal;

/// <summary>One PV inverter: power from its site's sky, energy integrated into DAILY_YIELD and TOTAL_YIELD.</summary>
internal sealed class Inverter : SimAsset
{
    private const int Ac = 0;
    private const int Dc = 1;
    private const int Daily = 2;
    private const int Total = 3;
    private static readonly int[] StuckCandidates = [Ac, Dc];

    private readonly double _peakKw;
    private readonly double _dcRatio;
    private double _power;
    private double _daily;
    private double _total;
    private long _day = long.MinValue;

    public Inverter(string assetId, PvSite site, Rng rng)
        : base(assetId, site.SiteId, rng, 4)
    {
        Site = site;
        var spread = Math.Clamp(1 + (PvCalibration.CapacitySpread * rng.Normal()), 0.9, 1.06);
        _peakKw = PvCalibration.NominalPeakKw * spread;
        _dcRatio = PvCalibration.DcAcRatio + (PvCalibration.DcAcRatioSpread * rng.Normal());
        _total = rng.Uniform(PvCalibration.TotalYieldMin, PvCalibration.TotalYieldMax);
    }

    public PvSite Site { get; }

    public void Tick(long t, long intervalMs, FaultPlan plan, TickWriter writer, bool siteSilent)
    {
        // Physics runs whether or not the sample is reported: an outage hides energy, it does not stop it.
        var p = 0.0;
        if (Site.Factor > 0)
        {
            p = _peakKw * Site.Factor * (1 + (PvCalibration.SampleNoise * Rng.Normal()));
            p = Math.Clamp(p, 0, _peakKw * PvCalibration.ClipFactor);
        }

        var energy = (_power + p) / 2 * (intervalMs / 3_600_000.0);
        _power = p;
        _total += energy;
        var newDay = Site.LocalDay != _day;
        var previousDay = _daily;
        if (newDay)
        {
            // Only the part of the span after local midnight belongs to the new day.
            var after = Math.Min(1.0, Site.MsSinceMidnight / (double)intervalMs);
            previousDay += energy * (1 - after);
            _daily = energy * after;
            _day = Site.LocalDay;
        }
        else
        {
            _daily += energy;
        }

        if (Rng.Chance(plan.MeterReplacement))
        {
            _total = Rng.Uniform(0, PvCalibration.NewMeterMax);
            writer.CountMeterReplacement();
        }

        if (siteSilent || InOutage(t, plan, writer))
        {
            writer.CountMissingSample();
            return;
        }

        MaybeStick(t, plan, StuckCandidates, writer);
        var dc = p > 0 ? p * _dcRatio * (1 + (0.005 * Rng.Normal())) : 0;
        var daily = _daily;
        if (newDay && previousDay > 0 && Rng.Chance(plan.MidnightGlitch))
        {
            daily = previousDay / (Rng.NextInt(2) == 0 ? 4 : 8);
            writer.CountMidnightGlitch();
        }

        writer.Emit(this, FleetPoints.InverterModel, Ac, FleetPoints.AcPower, p, instant: true);
        writer.Emit(this, FleetPoints.InverterModel, Dc, FleetPoints.DcPower, dc, instant: true);
        writer.Emit(this, FleetPoints.InverterModel, Daily, FleetPoints.DailyYield, daily, instant: false);
        writer.Emit(this, FleetPoints.InverterModel, Total, FleetPoints.TotalYield, _total, instant: false);
    }
}
