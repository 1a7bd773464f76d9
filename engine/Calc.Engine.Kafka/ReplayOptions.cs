namespace Calc.Engine.Kafka;

/// <summary>
/// A replay (<c>calc replay</c>): every partition of the input topic starts at <see cref="StartOffsets"/>
/// with empty operator state (its checkpoint is not restored; the first barrier overwrites it and commits the
/// new offsets), records with an event time before <see cref="FromMs"/> are skipped, and with
/// <see cref="ToMs"/> the run stops once every owned partition is past it.
/// </summary>
public sealed record ReplayOptions
{
    /// <summary>Where each partition starts (partition → offset), from <see cref="ReplayOffsets.ForTime"/>.</summary>
    public required IReadOnlyDictionary<int, long> StartOffsets { get; init; }

    /// <summary>Where operator state restarts (epoch ms): records with an earlier event time are skipped (their windows are not recomputed).</summary>
    public required long FromMs { get; init; }

    /// <summary>
    /// Stop once every owned partition read a record with an event time after this (epoch ms) or reached its end;
    /// null: keep running as the live job. The stop commits a checkpoint with the open windows, so a later run continues them.
    /// </summary>
    public long? ToMs { get; init; }
}
