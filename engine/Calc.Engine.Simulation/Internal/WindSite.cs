namespace Calc.Engine.Simulation.Internal;

/// <summary>The weather over one wind site: the slow, site-wide part of the wind and the prevailing direction.</summary>
internal sealed class WindSite : SimSite
{
    private double _slow;
    private double _target;
    private double _prevailing;

    public WindSite(string siteId, Rng rng)
        : base(siteId, rng)
    {
        _slow = rng.Normal();
        _target = rng.NextInt(2) == 0 ? WindCalibration.PrevailingA : WindCalibration.PrevailingB;
        _prevailing = _target;
    }

    /// <summary>The site-wide standard-normal weather component.</summary>
    public double Slow => _slow;

    /// <summary>The direction the site's wind currently blows around, degrees (not wrapped).</summary>
    public double Prevailing => _prevailing;

    /// <summary>Added to every turbine's speed at this time of day, m/s.</summary>
    public double Diurnal { get; private set; }

    public void Advance(long t, long intervalMs, double slowRho)
    {
        _slow = (slowRho * _slow) + (Math.Sqrt(1 - (slowRho * slowRho)) * Rng.Normal());
        if (Rng.Chance(-double.ExpM1(-intervalMs / (WindCalibration.RegimeHours * 3_600_000))))
        {
            _target = _target == WindCalibration.PrevailingA ? WindCalibration.PrevailingB : WindCalibration.PrevailingA;
        }

        // The wind veers to a new prevailing direction over an hour or two rather than jumping.
        var turn = _target - _prevailing;
        _prevailing += turn * -double.ExpM1(-intervalMs / 3_600_000.0);

        var hourUtc = (((t % (long)FaultPlan.DayMs) + (long)FaultPlan.DayMs) % (long)FaultPlan.DayMs) / 3_600_000.0;
        Diurnal = WindCalibration.DiurnalAmplitude * Math.Cos(2 * Math.PI * (hourUtc - WindCalibration.DiurnalPeakHourUtc) / 24);
    }
}
