namespace Calc.Engine.Simulation.Internal;

/// <summary>
/// Figures measured on solar-plant1-generation.csv (22 inverters, 2020-05-15..06-17, UTC+05:30) that shape the
/// simulated PV curve; docs/demo-data.md shows how each was measured.
/// </summary>
internal static class PvCalibration
{
    /// <summary>Local solar noon, hours: the middle of the 06:00..18:30 production window.</summary>
    public const double SolarNoonHours = 12.25;

    /// <summary>Half the production window, hours, on average over the year...</summary>
    public const double HalfDayMeanHours = 5.7;

    /// <summary>...plus this times cos(2 pi (dayOfYear - 172) / 365.25): 6.2..6.3 h in May-June as measured.</summary>
    public const double HalfDayAmplitudeHours = 0.6;

    /// <summary>Exponent of the sine-shaped clear-sky curve (fits: 1.1 on the 90th percentile per time of day, 1.4 on the clearest day).</summary>
    public const double ShapeExponent = 1.2;

    /// <summary>Clear-sky noon AC power of a nominal inverter, kW.</summary>
    public const double NominalPeakKw = 1330;

    /// <summary>Standard deviation of the inverters' capacity around nominal (measured 0.025).</summary>
    public const double CapacitySpread = 0.025;

    /// <summary>Inverter AC limit as a multiple of its clear-sky peak.</summary>
    public const double ClipFactor = 1.08;

    /// <summary>DC_POWER / AC_POWER: median 10.2 in the file (a unit quirk of the source).</summary>
    public const double DcAcRatio = 10.2;

    /// <summary>Spread of the DC/AC ratio between inverters.</summary>
    public const double DcAcRatioSpread = 0.1;

    /// <summary>Relative noise of one inverter's sample around the site's irradiance.</summary>
    public const double SampleNoise = 0.02;

    /// <summary>Haze: the day's attenuation is uniform in [HazeMin, HazeMax].</summary>
    public const double HazeMin = 0.8;

    /// <summary>Upper end of the haze factor.</summary>
    public const double HazeMax = 0.97;

    /// <summary>Cloud dips per hour on the clearest days: the day's rate is uniform in [MinDipsPerHour, MaxDipsPerHour] (no real day was free of dips).</summary>
    public const double MinDipsPerHour = 0.25;

    /// <summary>Cloud dips per hour on the cloudiest days (measured 0.5/h between 08:00 and 16:00 on average).</summary>
    public const double MaxDipsPerHour = 1.5;

    /// <summary>Mean length of a cloud dip, minutes (measured 2.7 samples of 15 min).</summary>
    public const double DipMeanMinutes = 40;

    /// <summary>Power under a cloud, as a fraction of clear sky: uniform in [DipFactorMin, DipFactorMax].</summary>
    public const double DipFactorMin = 0.2;

    /// <summary>Upper end of the dip factor.</summary>
    public const double DipFactorMax = 0.7;

    /// <summary>Initial TOTAL_YIELD range, kWh (the file: 6.18 M..7.85 M).</summary>
    public const double TotalYieldMin = 6.0e6;

    /// <summary>Upper end of the initial TOTAL_YIELD.</summary>
    public const double TotalYieldMax = 7.8e6;

    /// <summary>A replaced meter starts below this, kWh.</summary>
    public const double NewMeterMax = 50;
}
