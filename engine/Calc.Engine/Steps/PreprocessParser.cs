using System.Text.Json;
using Calc.Engine.Jobs;
using Calc.Sdk;

namespace Calc.Engine.Steps;

/// <summary>Reads <c>threshold</c>, <c>interpolation</c>, <c>maxGap</c>, <c>maxRate</c> of a step or policy.</summary>
internal static class PreprocessParser
{
    public static PreprocessOptions Parse(JsonElement json, string path, ProblemList problems)
    {
        var threshold = JsonShape.Interval(json, "threshold", path, problems);
        var maxGap = JsonShape.Duration(json, "maxGap", path, problems, required: false);
        double? maxRate = null;
        if (json.TryGetProperty("maxRate", out var rate))
        {
            if (rate.ValueKind == JsonValueKind.Number && rate.GetDouble() > 0)
            {
                maxRate = rate.GetDouble();
            }
            else
            {
                problems.Add(ProblemList.Join(path, "maxRate"), "expected a positive number (units per hour)");
            }
        }

        var interpolation = JsonShape.String(json, "interpolation", path, problems, required: false) switch
        {
            null or "ignore" => InterpolationMode.Ignore,
            "lastValue" => InterpolationMode.LastValue,
            "linear" => InterpolationMode.Linear,
            var other => Bad(other, path, problems),
        };
        return new PreprocessOptions
        {
            Threshold = threshold ?? Interval.All,
            Interpolation = interpolation,
            MaxGapMs = maxGap,
            MaxRatePerHour = maxRate,
        };
    }

    private static InterpolationMode Bad(string value, string path, ProblemList problems)
    {
        problems.Add(ProblemList.Join(path, "interpolation"), $"'{value}' must be one of ignore, lastValue, linear");
        return InterpolationMode.Ignore;
    }
}
