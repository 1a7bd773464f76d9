namespace Calc.Engine.Runtime;

/// <summary>
/// What a partition checkpoint belongs to: the Kafka cluster (its id, when the brokers give one), the topic and
/// how many partitions it had. A checkpoint is only restored into the same cluster, topic and partition count.
/// </summary>
public sealed record CheckpointOrigin(string? ClusterId, string Topic, int Partitions);
