using Calc.Sdk;

namespace Calc.Engine.Tsdb;

/// <summary>A batch of output records taken from a source, with what the source needs to commit it.</summary>
/// <param name="Records">The records, in the order they were emitted (later ones win on the same series and time).</param>
/// <param name="Position">The source's own commit state (for Kafka: the offsets to commit); opaque to the writer.</param>
public sealed record TsdbBatch(IReadOnlyList<PointRecord> Records, object? Position = null);
