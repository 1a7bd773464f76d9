using System.Text.Json;
using Calc.Sdk;

namespace Calc.Templates.Energy;

/// <summary>Reads the <c>slope</c> and <c>scale</c> fields, which take a value or <c>{"attribute":"name"}</c>.</summary>
internal static class BindingReader
{
    private const string AttributeForm = "{\"attribute\":\"name\"}";

    public static ScaleBinding ReadScale(SpecReader policy)
    {
        if (!policy.TryGet("scale", out var json))
        {
            return ScaleBinding.One;
        }

        if (json.ValueKind == JsonValueKind.Number && json.TryGetDouble(out var number) && double.IsFinite(number))
        {
            return new ScaleBinding(number, null);
        }

        if (TryAttribute(json, out var attribute))
        {
            return new ScaleBinding(1, attribute);
        }

        policy.Problems.Add(policy.At("scale"), $"expected a number or {AttributeForm}");
        return ScaleBinding.One;
    }

    public static SlopeBinding ReadSlope(SpecReader policy)
    {
        if (!policy.TryGet("slope", out var json))
        {
            return SlopeBinding.Unlimited;
        }

        if (json.ValueKind == JsonValueKind.String)
        {
            var interval = policy.Interval("slope");
            return interval is null ? SlopeBinding.Unlimited : new SlopeBinding(interval, null);
        }

        if (TryAttribute(json, out var attribute))
        {
            return new SlopeBinding(null, attribute);
        }

        policy.Problems.Add(policy.At("slope"), $"expected an interval of reading units per hour like [0,5000], or {AttributeForm} for the upper bound");
        return SlopeBinding.Unlimited;
    }

    private static bool TryAttribute(JsonElement json, out string attribute)
    {
        attribute = "";
        if (json.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var count = 0;
        foreach (var property in json.EnumerateObject())
        {
            count++;
            if (property.NameEquals("attribute") && property.Value.ValueKind == JsonValueKind.String)
            {
                attribute = property.Value.GetString() ?? "";
            }
        }

        return count == 1 && !string.IsNullOrWhiteSpace(attribute);
    }
}
