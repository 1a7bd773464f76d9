using Calc.Engine.Tsdb.Internal;

namespace Calc.Engine.Tsdb;

/// <summary>
/// What a writer did with the records it was given, counted since it was created. Every record
/// handed to a writer ends in exactly one of these counters once its batch is acknowledged
/// (except <see cref="Batches"/>). Safe to read from any thread.
/// </summary>
public sealed class TsdbWriteCounters
{
    private long _batches;
    private long _written;
    private long _coalesced;
    private long _skippedByPolicy;
    private long _skippedByCalMode;
    private long _skippedNotNumeric;
    private long _skippedBadName;
    private long _rejectedByDatabase;
    private long _heldBack;

    /// <summary>Batches acknowledged by the database.</summary>
    public long Batches => Volatile.Read(ref _batches);

    /// <summary>Records written and acknowledged.</summary>
    public long Written => Volatile.Read(ref _written);

    /// <summary>Provisional records (<c>early</c>, <c>onTime</c>) a line-protocol writer holds now until their value is final.</summary>
    public long HeldBack => Volatile.Read(ref _heldBack);

    /// <summary>Records replaced by a later record of the same series and time before being written (merged; last wins).</summary>
    public long Coalesced => Volatile.Read(ref _coalesced);

    /// <summary>Records whose <c>model::point</c> the storage policy does not keep.</summary>
    public long SkippedByPolicy => Volatile.Read(ref _skippedByPolicy);

    /// <summary>Provisional records (<c>early</c>, <c>onTime</c>) left out because the writer keeps final values only (the embedded store with <c>WriteProvisional</c> off).</summary>
    public long SkippedByCalMode => Volatile.Read(ref _skippedByCalMode);

    /// <summary>String and null values a database without such values cannot hold (line protocol).</summary>
    public long SkippedNotNumeric => Volatile.Read(ref _skippedNotNumeric);

    /// <summary>Records whose ids contain a line break, which line protocol cannot carry.</summary>
    public long SkippedBadName => Volatile.Read(ref _skippedBadName);

    /// <summary>Lines the database accepted the request for but said it dropped (InfluxDB "partial write").</summary>
    public long RejectedByDatabase => Volatile.Read(ref _rejectedByDatabase);

    internal void AddBatch(long written, long coalesced)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _written, written);
        Interlocked.Add(ref _coalesced, coalesced);
    }

    internal void AddSkipped(in TsdbSkips skips)
    {
        Interlocked.Add(ref _skippedByPolicy, skips.Policy);
        Interlocked.Add(ref _skippedByCalMode, skips.CalMode);
        Interlocked.Add(ref _skippedNotNumeric, skips.NotNumeric);
        Interlocked.Add(ref _skippedBadName, skips.BadName);
    }

    internal void SetHeldBack(long count) => Volatile.Write(ref _heldBack, count);

    internal void AddRejected(long count) => Interlocked.Add(ref _rejectedByDatabase, count);

    /// <summary>One line for logs and status pages.</summary>
    public override string ToString() =>
        $"batches={Batches} written={Written} coalesced={Coalesced} skippedByPolicy={SkippedByPolicy} "
        + $"skippedByCalMode={SkippedByCalMode} skippedNotNumeric={SkippedNotNumeric} skippedBadName={SkippedBadName} "
        + $"rejectedByDatabase={RejectedByDatabase}";
}
