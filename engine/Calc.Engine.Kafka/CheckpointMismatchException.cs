namespace Calc.Engine.Kafka;

/// <summary>
/// A partition checkpoint could not be used: one that belongs to something else (another Kafka cluster, another topic,
/// another partition count, or offsets the topic no longer has) was found and not restored, or one is missing
/// (<see cref="MissingCheckpointException"/>); the message says what to do.
/// </summary>
public class CheckpointMismatchException(string message) : InvalidOperationException(message);
