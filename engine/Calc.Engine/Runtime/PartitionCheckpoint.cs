namespace Calc.Engine.Runtime;

/// <summary>The state of one partition's lane (JSON from <see cref="JobInstance.WriteCheckpoint"/>) and the next offset to read.</summary>
public sealed record PartitionCheckpoint(long NextOffset, string StateJson, long SavedAtMs);
