namespace Calc.Engine.Simulation.Internal;

/// <summary>The sky over one PV site: clear-sky curve of the local day, haze, and cloud dips shared by its inverters.</summary>
internal sealed class PvSite(string siteId, Rng rng, long utcOffsetMs) : SimSite(siteId, rng)
{
    private const double HourMs = 3_600_000;
    private long _day = long.MinValue;
    private double _sunrise;
    private double _sunset;
    private double _haze;
    private double _dipsPerHour;
    private bool _inDip;
    private double _dipFactor = 1;

    /// <summary>Irradiance factor of the current tick: clear sky x haze x cloud, 0 at night.</summary>
    public double Factor { get; private set; }

    /// <summary>Local day number (days since 1970-01-01 local) of the current tick.</summary>
    public long LocalDay { get; private set; }

    /// <summary>Milliseconds since local midnight of the current tick.</summary>
    public long MsSinceMidnight { get; private set; }

    public void Advance(long t, long intervalMs)
    {
        var local = t + utcOffsetMs;
        LocalDay = Math.DivRem(local, (long)FaultPlan.DayMs, out var rem);
        if (rem < 0)
        {
            rem += (long)FaultPlan.DayMs;
            LocalDay--;
        }

        MsSinceMidnight = rem;
        if (LocalDay != _day)
        {
            StartDay();
        }

        var dtMinutes = intervalMs / 60_000.0;
        if (_inDip)
        {
            _inDip = !Rng.Chance(-double.ExpM1(-dtMinutes / PvCalibration.DipMeanMinutes));
        }
        else if (Rng.Chance(-double.ExpM1(-_dipsPerHour * dtMinutes / 60)))
        {
            _inDip = true;
            _dipFactor = Rng.Uniform(PvCalibration.DipFactorMin, PvCalibration.DipFactorMax);
        }

        var hours = rem / HourMs;
        if (hours <= _sunrise || hours >= _sunset)
        {
            Factor = 0;
            return;
        }

        var x = (hours - _sunrise) / (_sunset - _sunrise);
        var clear = Math.Pow(Math.Sin(Math.PI * x), PvCalibration.ShapeExponent);
        Factor = clear * _haze * (_inDip ? _dipFactor : 1);
    }

    private void StartDay()
    {
        _day = LocalDay;
        var dayOfYear = DateTime.UnixEpoch.AddDays(LocalDay).DayOfYear;
        var half = PvCalibration.HalfDayMeanHours
            + (PvCalibration.HalfDayAmplitudeHours * Math.Cos(2 * Math.PI * (dayOfYear - 172) / 365.25));
        _sunrise = PvCalibration.SolarNoonHours - half;
        _sunset = PvCalibration.SolarNoonHours + half;
        _haze = Rng.Uniform(PvCalibration.HazeMin, PvCalibration.HazeMax);
        _dipsPerHour = Rng.Uniform(PvCalibration.MinDipsPerHour, PvCalibration.MaxDipsPerHour);
    }
}
