using Calc.Sdk;

namespace Calc.Engine.Kafka;

/// <summary>A decoded point record with the Kafka position of the message it came from.</summary>
/// <param name="Record">The point record.</param>
/// <param name="Partition">Partition of the input topic.</param>
/// <param name="Offset">Offset of the message (a multi-point message gives several records with one offset).</param>
/// <param name="Origin">For a record re-keyed through a repartition topic, where it was first read (the
/// <see cref="CalcKafkaHeaders.Origin"/> header); <see cref="RecordOrigin.None"/> (the default) otherwise.</param>
public readonly record struct SourcedPoint(PointRecord Record, int Partition, long Offset, RecordOrigin Origin = default);
