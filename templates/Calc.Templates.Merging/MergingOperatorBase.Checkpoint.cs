using System.Text.Json;
using Calc.Sdk;

namespace Calc.Templates.Merging;

internal abstract partial class MergingOperatorBase
{
    public void WriteCheckpoint(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        foreach (var cache in Caches.All)
        {
            if (!cache.FromRecords)
            {
                continue; // a relative that sent nothing yet: nothing to keep, resolved again after a restore
            }

            writer.WriteStartObject();
            writer.WriteString("org", cache.OrgId);
            writer.WriteString("model", cache.ModelId);
            writer.WriteString("asset", cache.AssetId);
            writer.WriteStartArray("slots");
            for (var i = 0; i < Slots.Length; i++)
            {
                if (!cache.Seen[i])
                {
                    writer.WriteNullValue();
                    continue;
                }

                writer.WriteStartObject();
                writer.WriteNumber("time", cache.Times[i]);
                writer.WriteString("kind", cache.Values[i].Kind.ToString());
                writer.WriteString("value", cache.Values[i].ToString());
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public void RestoreCheckpoint(JsonElement state)
    {
        Caches.Clear();
        foreach (var item in state.EnumerateArray())
        {
            var cache = new AssetCache(item.GetProperty("org").GetString()!, item.GetProperty("model").GetString()!, item.GetProperty("asset").GetString()!, Slots.Length, _relations.Length);
            var i = 0;
            foreach (var slot in item.GetProperty("slots").EnumerateArray())
            {
                if (i < Slots.Length && slot.ValueKind == JsonValueKind.Object)
                {
                    cache.Update(i, slot.GetProperty("time").GetInt64(), Read(slot.GetProperty("kind").GetString()!, slot.GetProperty("value").GetString()!));
                }

                i++;
            }

            Caches.Add(cache);
        }

        _relink = HasRelationTriggers;
    }

    private static PointValue Read(string kind, string text) => kind switch
    {
        nameof(PointValueKind.Number) => PointValue.FromNumber(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture)),
        nameof(PointValueKind.Bool) => PointValue.FromBool(text == "true"),
        nameof(PointValueKind.String) => PointValue.FromString(text),
        _ => PointValue.Null,
    };
}
