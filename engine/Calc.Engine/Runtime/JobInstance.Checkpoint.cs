using System.Text.Json;

namespace Calc.Engine.Runtime;

public sealed partial class JobInstance
{
    /// <summary>Writes the lane's whole state: watermarks and each checkpointable operator's state.</summary>
    public void WriteCheckpoint(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("watermarks");
        foreach (var (assetId, track) in _assets)
        {
            writer.WriteNumber(assetId, track.Watermark);
        }

        writer.WriteEndObject();
        writer.WriteStartArray("steps");
        try
        {
            foreach (var step in _steps)
            {
                if (step.IsCheckpointable)
                {
                    step.WriteCheckpoint(writer);
                }
                else
                {
                    writer.WriteNullValue();
                }
            }
        }
        catch (Exception ex) when (IsPluginFault(ex))
        {
            throw Blame(ex);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Restores a state written by <see cref="WriteCheckpoint"/>; call after <see cref="Open"/>.</summary>
    public void RestoreCheckpoint(JsonElement state)
    {
        foreach (var asset in state.GetProperty("watermarks").EnumerateObject())
        {
            Track(asset.Name).Watermark = asset.Value.GetInt64();
        }

        var index = 0;
        try
        {
            foreach (var stepState in state.GetProperty("steps").EnumerateArray())
            {
                if (index < _steps.Length && _steps[index].IsCheckpointable && stepState.ValueKind != JsonValueKind.Null)
                {
                    _steps[index].RestoreCheckpoint(stepState);
                }

                index++;
            }
        }
        catch (Exception ex) when (IsPluginFault(ex))
        {
            throw Blame(ex);
        }
    }
}
