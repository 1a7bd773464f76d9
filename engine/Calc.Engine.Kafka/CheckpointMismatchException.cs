namespace Calc.Engine.Kafka;

/// <summary>
/// A partition checkpoint that belongs to something else (another Kafka cluster, another topic, another partition
/// count, or offsets the topic no longer has) was found and not restored; the message says how to reset it.
/// </summary>
public sealed class CheckpointMismatchException(string message) : InvalidOperationException(message);
