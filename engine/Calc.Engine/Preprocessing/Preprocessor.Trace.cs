using System.Globalization;
using Calc.Sdk;

namespace Calc.Engine.Preprocessing;

/// <summary>The preprocessor's trace lines: why a value is invalid, and how it was repaired or held (only while a traced record is in the step).</summary>
internal sealed partial class Preprocessor
{
    private readonly Runtime.ITraceSource? _traceSource = metrics as Runtime.ITraceSource;

    private ITraceSink? Trace => _traceSource?.Trace;

    /// <summary>Why <paramref name="record"/> is invalid: <c>1612.4 outside [0,1500]</c>, <c>quality 3</c>….</summary>
    private string Why(in PointRecord record, string reason, AssetSeries series) => reason switch
    {
        "quality" => "quality " + record.Quality.ToString(CultureInfo.InvariantCulture),
        "nonNumeric" => $"'{record.Value}' is not a number",
        "threshold" => $"{record.Value} outside {options.Threshold}",
        "maxRate" => string.Create(CultureInfo.InvariantCulture,
            $"{record.Value} changed faster than {options.MaxRatePerHour}/h from {series.LastValue} at {Runtime.StepRunner.Iso(series.LastTime)}"),
        "maxGap" => series.HasLast
            ? $"no valid value within maxGap {Duration.Format(options.MaxGapMs ?? 0)} (the last was at {Runtime.StepRunner.Iso(series.LastTime)})"
            : "no valid value before it to repair from",
        _ => reason,
    };

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
