using System.Text.Json;
using Calc.Sdk;

namespace Acme.PowerCurve;

/// <summary>Reads <c>curve</c>: an array of at least two <c>[speed, kW]</c> pairs with increasing speeds.</summary>
internal static class CurveReader
{
    public static Curve? Read(SpecReader parameters, ProblemList problems)
    {
        var path = parameters.At("curve");
        if (!parameters.TryGet("curve", out var json))
        {
            problems.Add(path, "required: expected an array of [speed, kW] pairs, e.g. [[3, 0], [12, 3600], [25, 3600]]");
            return null;
        }

        if (json.ValueKind != JsonValueKind.Array || json.GetArrayLength() < 2)
        {
            problems.Add(path, "expected an array of at least two [speed, kW] pairs");
            return null;
        }

        var count = json.GetArrayLength();
        var speeds = new double[count];
        var powers = new double[count];
        var ok = true;
        var i = 0;
        foreach (var pair in json.EnumerateArray())
        {
            var at = ProblemList.Index(path, i);
            if (!TryPair(pair, out speeds[i], out powers[i]))
            {
                problems.Add(at, "expected a pair of numbers [speed m/s, power kW], speed >= 0");
                ok = false;
            }
            else if (i > 0 && ok && speeds[i] <= speeds[i - 1])
            {
                problems.Add(at, $"speeds must increase: {SpecReader.Format(speeds[i])} comes after {SpecReader.Format(speeds[i - 1])}");
                ok = false;
            }

            i++;
        }

        return ok ? new Curve(speeds, powers) : null;
    }

    private static bool TryPair(JsonElement pair, out double speed, out double power)
    {
        speed = power = 0;
        return pair.ValueKind == JsonValueKind.Array && pair.GetArrayLength() == 2
            && pair[0].ValueKind == JsonValueKind.Number && pair[1].ValueKind == JsonValueKind.Number
            && pair[0].TryGetDouble(out speed) && pair[1].TryGetDouble(out power)
            && double.IsFinite(speed) && double.IsFinite(power) && speed >= 0;
    }
}
