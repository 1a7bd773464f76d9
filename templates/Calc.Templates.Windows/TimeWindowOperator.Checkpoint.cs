using System.Text.Json;
using Calc.Sdk;

namespace Calc.Templates.Windows;

internal sealed partial class TimeWindowOperator
{
    public void WriteCheckpoint(Utf8JsonWriter writer) => PolicyCheckpoint.Write(
        writer,
        policies.Count,
        (w, p) =>
        {
            w.WritePropertyName("preprocess");
            _preprocessors[p].WriteCheckpoint(w);
        },
        (w, p) =>
        {
            foreach (var windows in _windows[p].Values)
            {
                WriteAsset(w, windows);
            }
        });

    public void RestoreCheckpoint(JsonElement state) => PolicyCheckpoint.Restore(
        state,
        policies.Count,
        (policy, p) =>
        {
            _preprocessors[p].RestoreCheckpoint(policy.GetProperty("preprocess"));
            _windows[p].Clear();
        },
        (json, p) =>
        {
            var windows = ReadAsset(json);
            _windows[p][windows.AssetId] = windows;
        });

    private static void WriteAsset(Utf8JsonWriter writer, AssetWindows windows)
    {
        writer.WriteStartObject();
        writer.WriteString("org", windows.OrgId);
        writer.WriteString("model", windows.ModelId);
        writer.WriteString("asset", windows.AssetId);
        writer.WriteStartArray("windows");
        foreach (var w in windows.Open)
        {
            writer.WriteStartObject();
            writer.WriteNumber("start", w.Start);
            writer.WriteNumber("count", w.Count);
            writer.WriteNumber("sum", w.Sum);
            writer.WriteNumber("min", w.Min);
            writer.WriteNumber("max", w.Max);
            writer.WriteNumber("firstTime", w.FirstTime);
            writer.WriteNumber("first", w.First);
            writer.WriteNumber("lastTime", w.LastTime);
            writer.WriteNumber("last", w.Last);
            writer.WriteBoolean("emitted", w.Emitted);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static AssetWindows ReadAsset(JsonElement asset)
    {
        var windows = new AssetWindows(asset.GetProperty("org").GetString()!, asset.GetProperty("model").GetString()!, asset.GetProperty("asset").GetString()!);
        foreach (var w in asset.GetProperty("windows").EnumerateArray())
        {
            windows.Open.Add(new WindowAccumulator(w.GetProperty("start").GetInt64())
            {
                Count = w.GetProperty("count").GetInt64(),
                Sum = w.GetProperty("sum").GetDouble(),
                Min = w.GetProperty("min").GetDouble(),
                Max = w.GetProperty("max").GetDouble(),
                FirstTime = w.GetProperty("firstTime").GetInt64(),
                First = w.GetProperty("first").GetDouble(),
                LastTime = w.GetProperty("lastTime").GetInt64(),
                Last = w.GetProperty("last").GetDouble(),
                Emitted = w.GetProperty("emitted").GetBoolean(),
            });
        }

        return windows;
    }
}
