namespace Calc.Engine.Kafka;

/// <summary>
/// A replay's first assignment gave it only some of the input topic's partitions: the job's consumer group has other
/// members (the job still runs), which would keep their partitions and their old state and write the same outputs.
/// Nothing was committed; the message names the group and says to stop the job first.
/// </summary>
public sealed class ReplayGroupInUseException(string message) : Exception(message);
