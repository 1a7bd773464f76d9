using System.Text.Json;
using Calc.Engine.Records;
using Calc.Sdk;

namespace Calc.Engine.Preprocessing;

internal sealed partial class Preprocessor
{
    public void WriteCheckpoint(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (var (assetId, series) in _assets)
        {
            writer.WriteStartObject(assetId);
            writer.WriteBoolean("hasLast", series.HasLast);
            writer.WriteNumber("value", series.LastValue);
            writer.WriteNumber("time", series.LastTime);
            if (series.Waiting is { Count: > 0 })
            {
                writer.WriteStartArray("waiting");
                foreach (var pending in series.Waiting)
                {
                    writer.WriteStartObject();
                    writer.WriteString("reason", pending.Reason);
                    writer.WritePropertyName("record");
                    PointJsonWriter.Write(writer, pending.Record);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    public void RestoreCheckpoint(JsonElement state)
    {
        _assets.Clear();
        var reader = new PointJsonReader();
        foreach (var asset in state.EnumerateObject())
        {
            var series = new AssetSeries
            {
                HasLast = asset.Value.GetProperty("hasLast").GetBoolean(),
                LastValue = asset.Value.GetProperty("value").GetDouble(),
                LastTime = asset.Value.GetProperty("time").GetInt64(),
            };
            if (asset.Value.TryGetProperty("waiting", out var waiting))
            {
                series.Waiting = new Queue<AssetSeries.Pending>();
                foreach (var item in waiting.EnumerateArray())
                {
                    var raw = System.Text.Encoding.UTF8.GetBytes(item.GetProperty("record").GetRawText());
                    if (reader.TryRead(raw, out var record).Ok)
                    {
                        // Held before the restart: it was read (and is counted) by the run that held it.
                        series.Waiting.Enqueue(new AssetSeries.Pending(record, item.GetProperty("reason").GetString()!, 0));
                    }
                }
            }

            _assets[asset.Name] = series;
        }
    }
}
