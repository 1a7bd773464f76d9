namespace Calc.Engine.Kafka;

/// <summary>A lane busy on one batch for longer than asked (<see cref="StreamingJobRunner.Stalled"/>).</summary>
/// <param name="Partition">The partition of the record being processed.</param>
/// <param name="Offset">The offset of that record.</param>
/// <param name="For">How long the batch has been in the lanes.</param>
public sealed record LaneStall(int Partition, long Offset, TimeSpan For);
