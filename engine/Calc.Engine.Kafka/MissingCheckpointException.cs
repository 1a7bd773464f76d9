namespace Calc.Engine.Kafka;

/// <summary>
/// A partition was assigned whose consumer group has a committed offset but whose checkpoint is not in the store (it
/// was written on another machine, the store is another one, or it was deleted), and the job has stateful steps:
/// started there with empty state, its first windows would be computed from part of their records, so the run stops
/// instead (<see cref="StreamingOptions.AcceptEmptyState"/> lets it go on). The message names the job, topic,
/// partition and offset, and says what to do.
/// </summary>
public sealed class MissingCheckpointException(string message) : CheckpointMismatchException(message);
