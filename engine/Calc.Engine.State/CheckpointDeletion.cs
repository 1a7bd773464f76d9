namespace Calc.Engine.State;

/// <summary>What <see cref="StateInspector.DeleteAsync"/> did.</summary>
/// <param name="Deleted">True when a checkpoint existed and was deleted.</param>
/// <param name="RunningOwner">The lease owner when the job runs and nothing was deleted; null otherwise.</param>
public sealed record CheckpointDeletion(bool Deleted, string? RunningOwner);
