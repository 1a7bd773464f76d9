namespace Calc.Engine.Tsdb;

/// <summary>
/// Where the <see cref="TsdbWriterLoop"/> takes its batches from: the Kafka output topic in production
/// (an adapter over the consumer), an in-process queue (<see cref="TsdbQueueSource"/>) otherwise.
/// The loop calls <see cref="NextAsync"/> again as soon as it has a batch, so one <see cref="NextAsync"/>
/// may still be in progress while the loop writes and calls <see cref="Commit"/> for earlier batches:
/// implementations must allow that (a Kafka adapter typically consumes on its own thread into a queue
/// and only records offsets in <see cref="Commit"/>). There is never more than one <see cref="NextAsync"/>
/// in progress, and <see cref="Commit"/> is never called concurrently with itself.
/// </summary>
public interface ITsdbBatchSource
{
    /// <summary>
    /// The next batch, waiting for records if there are none yet; null when the source has ended
    /// (a bounded input is exhausted). Never returns an empty batch.
    /// </summary>
    ValueTask<TsdbBatch?> NextAsync(CancellationToken ct);

    /// <summary>
    /// Called once the database acknowledged <paramref name="batch"/>: the source may now forget it
    /// (commit the Kafka offsets in <see cref="TsdbBatch.Position"/>). Batches are committed in the
    /// order they were returned. A batch that is never committed is delivered again after a restart.
    /// </summary>
    void Commit(TsdbBatch batch);
}
