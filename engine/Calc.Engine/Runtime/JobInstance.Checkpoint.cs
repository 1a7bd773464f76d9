using System.Text.Json;
using Calc.Sdk;

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
        foreach (var step in _steps)
        {
            if (step.Operator is ICheckpointable checkpointable)
            {
                checkpointable.WriteCheckpoint(writer);
            }
            else
            {
                writer.WriteNullValue();
            }
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
        foreach (var stepState in state.GetProperty("steps").EnumerateArray())
        {
            if (index < _steps.Length && _steps[index].Operator is ICheckpointable checkpointable && stepState.ValueKind != JsonValueKind.Null)
            {
                checkpointable.RestoreCheckpoint(stepState);
            }

            index++;
        }
    }
}
