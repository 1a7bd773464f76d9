namespace Calc.Engine.Kafka;

/// <summary>
/// A stop (or a rebalance during one) waited <see cref="StreamingOptions.StopTimeout"/> for a batch that
/// never came out of the lanes: the run gave it up instead of waiting forever. Nothing after the last
/// commit was committed (the records the lane holds wait in Kafka and are read again by the next run),
/// and whatever the lane writes if it ever returns is dropped. Its thread is left running:
/// <see cref="Ended"/> completes if it ever finishes.
/// </summary>
public sealed class LanesAbandonedException(string message, string jobId, int partition, long offset, TimeSpan waited, Task ended) : Exception(message)
{
    public string JobId { get; } = jobId;

    /// <summary>The partition of the record the lane was processing (-1 when unknown).</summary>
    public int Partition { get; } = partition;

    /// <summary>The offset of that record (-1 when unknown).</summary>
    public long Offset { get; } = offset;

    /// <summary>How long the batch had been in the lanes when it was given up.</summary>
    public TimeSpan Waited { get; } = waited;

    /// <summary>Completes when the abandoned thread ends (never, if it loops forever).</summary>
    public Task Ended { get; } = ended;
}
