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
        // A restored asset starts a fresh idle period: with no arrival time it would count as silent
        // since the epoch, and the first Tick would close its open windows and buckets as final before
        // the records that follow the checkpoint are read again (the crash test lost every day's last
        // energy segment that way).
        var now = Clock.NowMs;
        foreach (var asset in state.GetProperty("watermarks").EnumerateObject())
        {
            var track = Track(asset.Name);
            track.Watermark = asset.Value.GetInt64();
            track.LastArrivalMs = now;
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
