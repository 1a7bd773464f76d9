namespace Calc.Sdk;

/// <summary>Threshold and interpolation settings of one input point (SPEC §3).</summary>
public sealed record PreprocessOptions
{
    /// <summary>Valid values; <see cref="Interval.All"/> when the job gives no threshold (only non-numeric values and bad quality are invalid then).</summary>
    public Interval Threshold { get; init; } = Interval.All;

    /// <summary>What replaces an invalid value.</summary>
    public InterpolationMode Interpolation { get; init; } = InterpolationMode.Ignore;

    /// <summary>No value is carried or interpolated across a gap longer than this (ms); null = unbounded.</summary>
    public long? MaxGapMs { get; init; }

    /// <summary>Maximum absolute rate of change between consecutive valid values, units per hour; null = none.</summary>
    public double? MaxRatePerHour { get; init; }
}
