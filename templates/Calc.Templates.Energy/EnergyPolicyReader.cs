using Calc.Sdk;

namespace Calc.Templates.Energy;

/// <summary>Reads and validates one policy of an energy job.</summary>
internal static class EnergyPolicyReader
{
    private static readonly string[] Interpolations = ["ignore", "lastValue"];

    public static EnergyPolicy? Read(SpecReader policy, EnergyKind kind, EnergySettings? settings, bool hasDetailInterval)
    {
        var before = policy.Problems.Items.Count;
        var input = policy.Point("input", required: true);
        var daily = policy.Point("dailyOutput");
        var detail = policy.Point("detailOutput");
        if (!policy.Has("dailyOutput") && !policy.Has("detailOutput"))
        {
            policy.Problems.Add(policy.Path, "needs dailyOutput or detailOutput (or both): where the energy is written");
        }

        if (detail is not null && !hasDetailInterval)
        {
            policy.Problems.Add(policy.At("detailOutput"), "needs settings.detailInterval (the size of the detail buckets, e.g. 15m)");
        }

        CheckOutput(policy, "dailyOutput", input, daily);
        CheckOutput(policy, "detailOutput", input, detail);
        if (daily is not null && daily == detail)
        {
            policy.Problems.Add(policy.At("detailOutput"), "must differ from dailyOutput");
        }

        var scale = BindingReader.ReadScale(policy);
        var slope = SlopeBinding.Unlimited;
        var preprocess = new PreprocessOptions();
        if (kind == EnergyKind.MeterReading)
        {
            slope = BindingReader.ReadSlope(policy);
        }
        else
        {
            var interpolation = policy.Enum("interpolation", Interpolations, "ignore") == "lastValue"
                ? InterpolationMode.LastValue
                : InterpolationMode.Ignore;

            // SPEC §3: no value is carried across a gap longer than maxGap, so the fill obeys it too.
            preprocess = new PreprocessOptions
            {
                Threshold = policy.Interval("threshold") ?? Interval.All,
                Interpolation = interpolation,
                MaxGapMs = settings?.MaxGapMs,
            };
        }

        if (policy.Problems.Items.Count > before || input is not { } i)
        {
            return null;
        }

        return new EnergyPolicy(i, daily, detail, scale, slope, preprocess);
    }

    private static void CheckOutput(SpecReader policy, string name, PointRef? input, PointRef? output)
    {
        if (input is not { } i || output is not { } o)
        {
            return;
        }

        if (o.ModelId != i.ModelId)
        {
            policy.Problems.Add(policy.At(name), $"'{o}' must be a point of the input's model '{i.ModelId}': energy is written to the same asset");
        }
        else if (o == i)
        {
            policy.Problems.Add(policy.At(name), "must differ from the input point");
        }
    }
}
