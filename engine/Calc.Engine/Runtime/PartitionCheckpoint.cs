namespace Calc.Engine.Runtime;

/// <summary>
/// The state of one partition's lane (JSON from <see cref="JobInstance.WriteCheckpoint"/>) and the next offset to read;
/// <see cref="Origin"/> says which cluster and topic the offset is of (null in checkpoints written before it was kept).
/// </summary>
public sealed record PartitionCheckpoint(long NextOffset, string StateJson, long SavedAtMs, CheckpointOrigin? Origin = null);
