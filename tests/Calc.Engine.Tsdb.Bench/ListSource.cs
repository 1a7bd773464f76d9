namespace Calc.Engine.Tsdb.Bench;

/// <summary>A source that hands out prepared batches, as a caught-up Kafka consumer would.</summary>
internal sealed class ListSource(IEnumerable<TsdbBatch> batches) : ITsdbBatchSource
{
    private readonly IEnumerator<TsdbBatch> _batches = batches.GetEnumerator();

    public long Committed { get; private set; }

    public ValueTask<TsdbBatch?> NextAsync(CancellationToken ct) => ValueTask.FromResult(_batches.MoveNext() ? _batches.Current : null);

    public void Commit(TsdbBatch batch) => Committed += batch.Records.Count;
}
