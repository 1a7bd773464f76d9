using System.Text.Json;

namespace Acme.PowerCurve;

internal sealed partial class PowerCurveOperator
{
    /// <summary>Per asset <c>[windTime, windSpeed, powerTime, power]</c>; a value never seen is null.</summary>
    public void WriteCheckpoint(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (var (assetId, state) in _assets)
        {
            writer.WriteStartArray(assetId);
            WriteSample(writer, state.HasWind, state.WindTime, state.WindSpeed);
            WriteSample(writer, state.HasPower, state.PowerTime, state.Power);
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    public void RestoreCheckpoint(JsonElement state)
    {
        foreach (var asset in state.EnumerateObject())
        {
            var saved = State(asset.Name);
            var v = asset.Value;
            if (v[1].ValueKind == JsonValueKind.Number)
            {
                (saved.HasWind, saved.WindTime, saved.WindSpeed) = (true, v[0].GetInt64(), v[1].GetDouble());
            }

            if (v[3].ValueKind == JsonValueKind.Number)
            {
                (saved.HasPower, saved.PowerTime, saved.Power) = (true, v[2].GetInt64(), v[3].GetDouble());
            }
        }
    }

    private static void WriteSample(Utf8JsonWriter writer, bool has, long time, double value)
    {
        writer.WriteNumberValue(time);
        if (has)
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
