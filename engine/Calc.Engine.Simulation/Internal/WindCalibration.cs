namespace Calc.Engine.Simulation.Internal;

/// <summary>
/// Figures measured on wind-turbine-t1-2018.csv (10-minute SCADA data of 2018) that shape the simulated
/// wind; docs/demo-data.md shows how each was measured.
/// </summary>
internal static class WindCalibration
{
    /// <summary>Weibull shape of the wind speed (moment fit: mean 7.56, sd 4.23 m/s).</summary>
    public const double WeibullShape = 1.88;

    /// <summary>Weibull scale, m/s.</summary>
    public const double WeibullScale = 8.51;

    /// <summary>Weight of the site-wide weather component (time constant <see cref="SlowTauHours"/>).</summary>
    public const double SlowWeight = 0.46;

    /// <summary>Weight of the turbine's own component (time constant <see cref="FastTauHours"/>).</summary>
    public const double FastWeight = 0.53;

    /// <summary>Weight of white gust noise; the three weights give autocorrelations 0.985 (10 min), 0.93 (1 h), 0.36 (1 d).</summary>
    public const double GustWeight = 0.01;

    /// <summary>Time constant of the site-wide component, hours.</summary>
    public const double SlowTauHours = 72;

    /// <summary>Time constant of the turbine's component, hours.</summary>
    public const double FastTauHours = 8;

    /// <summary>Speeds above this are compressed (tanh) so that the tail stays below <see cref="TailLimit"/> like the file's (max 25.2 m/s).</summary>
    public const double TailKnee = 18;

    /// <summary>The highest simulated speed, m/s.</summary>
    public const double TailLimit = 25.5;

    /// <summary>Amplitude of the daily cycle of the mean speed, m/s (6.7 at 11h UTC, 8.0 at 17-20h UTC).</summary>
    public const double DiurnalAmplitude = 0.6;

    /// <summary>UTC hour of the windiest time of day.</summary>
    public const double DiurnalPeakHourUtc = 19;

    /// <summary>ActivePower ~ curve(this x WindSpeed): the median ratio to the curve is 1.00 with 0.955.</summary>
    public const double EffectiveSpeedFactor = 0.955;

    /// <summary>Relative noise of ActivePower around the shifted curve.</summary>
    public const double PowerNoise = 0.06;

    /// <summary>Median ActivePower at rated wind, kW (the file: 3601.8; max 3618.7).</summary>
    public const double RatedOutput = 3601.8;

    /// <summary>Largest ActivePower, kW.</summary>
    public const double MaxOutput = 3618.7;

    /// <summary>Below cut-in: share of samples with a small positive power (425 of 7,749).</summary>
    public const double LowWindPositiveShare = 0.055;

    /// <summary>Below cut-in: share of samples with a small negative power (40 of 7,749; down to -2.47 kW).</summary>
    public const double LowWindNegativeShare = 0.005;

    /// <summary>Mean of the small positive power below cut-in, kW (median 4-5.6 kW).</summary>
    public const double LowWindPositiveMeanKw = 7;

    /// <summary>Most negative power, kW.</summary>
    public const double MostNegativeKw = 2.47;

    /// <summary>Share of curtailments that stop the turbine (the rest limit it to 20..60 % of rated).</summary>
    public const double StopShare = 0.4;

    /// <summary>The two prevailing directions, degrees (sectors 30-90 and 180-210 hold 64 % of samples).</summary>
    public const double PrevailingA = 60;

    /// <summary>The second prevailing direction, degrees.</summary>
    public const double PrevailingB = 195;

    /// <summary>Mean time between switches of the prevailing direction, hours.</summary>
    public const double RegimeHours = 36;

    /// <summary>Spread of the direction around the prevailing one, degrees.</summary>
    public const double DirectionSpread = 25;

    /// <summary>Time constant of direction changes, minutes (a 10-minute step has sd 14 degrees).</summary>
    public const double DirectionTauMinutes = 86;
}
