namespace Calc.Engine.Runtime;

/// <summary>
/// Where a streaming job keeps, per input partition, its operator state together with the source
/// position that state reflects (SPEC §6). Saved at checkpoint barriers, loaded when a partition is
/// assigned; a restarted engine resumes exactly there.
/// </summary>
public interface IPartitionCheckpointStore
{
    PartitionCheckpoint? Load(string jobId, int partition);

    /// <summary>Saves state and position in one atomic write.</summary>
    void Save(string jobId, int partition, PartitionCheckpoint checkpoint);

    /// <summary>How a user removes a checkpoint that cannot be restored (said in the refusal).</summary>
    string ResetHint(string jobId, int partition) => $"delete the checkpoints of job '{jobId}'";

    /// <summary>Where a partition's checkpoint is kept (a file, a key), said when it is missing.</summary>
    string Location(string jobId, int partition) => "the checkpoint store";

    /// <summary>True when only this machine can read the checkpoints (files, an embedded store): workers of one group on other machines cannot restore them.</summary>
    bool IsLocal => false;
}
