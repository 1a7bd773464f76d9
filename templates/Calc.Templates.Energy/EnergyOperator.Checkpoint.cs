using System.Text.Json;
using Calc.Sdk;

namespace Calc.Templates.Energy;

internal abstract partial class EnergyOperator
{
    public void WriteCheckpoint(Utf8JsonWriter writer) => PolicyCheckpoint.Write(
        writer,
        Policies.Count,
        WritePolicyState,
        (w, p) =>
        {
            foreach (var asset in States[p].Values)
            {
                WriteAsset(w, asset);
            }
        });

    public void RestoreCheckpoint(JsonElement state) => PolicyCheckpoint.Restore(
        state,
        Policies.Count,
        (policy, p) =>
        {
            RestorePolicyState(policy, p);
            States[p].Clear();
        },
        (json, p) =>
        {
            var asset = ReadAsset(json);
            States[p][asset.AssetId] = asset;
        });

    /// <summary>Extra per-policy state (the power templates' preprocessors).</summary>
    protected virtual void WritePolicyState(Utf8JsonWriter writer, int policy)
    {
    }

    protected virtual void RestorePolicyState(JsonElement json, int policy)
    {
    }

    private static void WriteAsset(Utf8JsonWriter writer, AssetEnergy asset)
    {
        writer.WriteStartObject();
        writer.WriteString("org", asset.OrgId);
        writer.WriteString("model", asset.ModelId);
        writer.WriteString("asset", asset.AssetId);
        writer.WriteBoolean("hasPrevious", asset.HasPrevious);
        writer.WriteNumber("previousTime", asset.PreviousTime);
        writer.WriteNumber("value", asset.Value);
        writer.WriteBoolean("valueValid", asset.ValueValid);
        writer.WriteNumber("anchorTime", asset.AnchorTime);
        WriteTrack(writer, "day", asset.Day);
        WriteTrack(writer, "detail", asset.Detail);
        writer.WriteEndObject();
    }

    private static AssetEnergy ReadAsset(JsonElement json) =>
        new(json.GetProperty("org").GetString()!, json.GetProperty("model").GetString()!, json.GetProperty("asset").GetString()!)
        {
            HasPrevious = json.GetProperty("hasPrevious").GetBoolean(),
            PreviousTime = json.GetProperty("previousTime").GetInt64(),
            Value = json.GetProperty("value").GetDouble(),
            ValueValid = json.GetProperty("valueValid").GetBoolean(),
            AnchorTime = json.GetProperty("anchorTime").GetInt64(),
            Day = ReadTrack(json.GetProperty("day")),
            Detail = ReadTrack(json.GetProperty("detail")),
        };

    private static void WriteTrack(Utf8JsonWriter writer, string name, in BucketTrack track)
    {
        writer.WriteStartObject(name);
        writer.WriteBoolean("open", track.Open);
        writer.WriteNumber("start", track.Start);
        writer.WriteNumber("end", track.End);
        writer.WriteNumber("sum", track.Sum);
        writer.WriteBoolean("emitted", track.Emitted);
        writer.WriteNumber("emittedSum", track.EmittedSum);
        writer.WriteBoolean("final", track.Final);
        writer.WriteEndObject();
    }

    private static BucketTrack ReadTrack(JsonElement json) => new()
    {
        Open = json.GetProperty("open").GetBoolean(),
        Start = json.GetProperty("start").GetInt64(),
        End = json.GetProperty("end").GetInt64(),
        Sum = json.GetProperty("sum").GetDouble(),
        Emitted = json.GetProperty("emitted").GetBoolean(),
        EmittedSum = json.GetProperty("emittedSum").GetDouble(),
        Final = json.GetProperty("final").GetBoolean(),
    };
}
