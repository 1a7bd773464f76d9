using System.Text.Json;

namespace Calc.Sdk;

/// <summary>
/// Optional capability: the operator's state (window accumulators, anchors, caches) can be saved
/// and restored. The engine stores checkpoints together with the source positions they reflect,
/// so a restarted job resumes exactly where the checkpoint was.
/// </summary>
public interface ICheckpointable
{
    /// <summary>Writes the whole state as one JSON value. Called between records, on the operator's lane.</summary>
    void WriteCheckpoint(Utf8JsonWriter writer);

    /// <summary>Restores a state written by <see cref="WriteCheckpoint"/>, after <see cref="IOperator.Open"/> and before any record.</summary>
    void RestoreCheckpoint(JsonElement state);
}
