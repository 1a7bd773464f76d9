using System.Text.Json;

namespace Calc.Engine.Runtime;

public sealed partial class JobInstance
{
    /// <summary>
    /// Rules (expression and script steps, <c>multi-point-merging</c>) checkpoint only the latest value of each input: without
    /// it a rule is skipped (<c>skipped.missingReference</c>) until its inputs arrived again; it computes nothing wrong.
    /// </summary>
    private static readonly string[] LatestValuesOnly = ["expression", "script", "multi-point-merging"];

    /// <summary>
    /// True when a step keeps state across records whose loss makes it compute wrong values (windows, energy, groups, a
    /// threshold that repairs or checks rates, a checkpointable plugin): started without its checkpoint, such a lane
    /// emits values of part of their records. A lane of only rules and plain thresholds loses nothing.
    /// </summary>
    public bool HoldsState => Array.Exists(_steps, s => s.IsCheckpointable && Array.IndexOf(LatestValuesOnly, s.Step.OperatorId) < 0);

    /// <summary>
    /// Writes the lane's whole state: each step's watermark of every asset (<c>"watermarks": {"A": [w0, w1, …]}</c>),
    /// the assets only outputs were about, and each checkpointable operator's state.
    /// </summary>
    public void WriteCheckpoint(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("watermarks");
        foreach (var (assetId, track) in _assets)
        {
            writer.WriteStartArray(assetId);
            for (var i = 0; i < _steps.Length; i++)
            {
                writer.WriteNumberValue(track.Watermark(i));
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteStartArray("outputOnly");
        foreach (var (assetId, track) in _assets)
        {
            if (!track.FromSource)
            {
                writer.WriteStringValue(assetId);
            }
        }

        writer.WriteEndArray();
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
        _held.Clear();
        foreach (var asset in state.GetProperty("watermarks").EnumerateObject())
        {
            var track = Track(asset.Name);
            track.LastArrivalMs = now;
            track.FromSource = true;
            RestoreWatermarks(track, _steps.Length, asset.Value);
        }

        if (state.TryGetProperty("outputOnly", out var outputOnly))
        {
            foreach (var asset in outputOnly.EnumerateArray())
            {
                Track(asset.GetString()!).FromSource = false;
            }
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

    /// <summary>Per step as written; a checkpoint of an older version (one number per asset) gives every step that number.</summary>
    private static void RestoreWatermarks(AssetTrack track, int steps, JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.Number)
        {
            for (var i = 0; i < steps; i++)
            {
                track.Watermark(i) = json.GetInt64();
            }

            return;
        }

        var n = 0;
        var last = long.MinValue;
        foreach (var item in json.EnumerateArray())
        {
            last = item.GetInt64();
            if (n < steps)
            {
                track.Watermark(n++) = last;
            }
        }

        for (; n < steps; n++)
        {
            track.Watermark(n) = last;
        }
    }
}
