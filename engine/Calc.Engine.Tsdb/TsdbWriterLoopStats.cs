namespace Calc.Engine.Tsdb;

/// <summary>Progress and health of a <see cref="TsdbWriterLoop"/>. Safe to read from any thread.</summary>
public sealed class TsdbWriterLoopStats
{
    private long _batches;
    private long _records;
    private long _failedAttempts;
    private long _outages;
    private int _consecutiveFailures;
    private string? _lastError;
    private long _lastCommittedAtMs;

    /// <summary>Batches acknowledged by the database and committed to the source.</summary>
    public long BatchesCommitted => Volatile.Read(ref _batches);

    /// <summary>Records in those batches (before the writer's filters).</summary>
    public long RecordsCommitted => Volatile.Read(ref _records);

    /// <summary>Write attempts that failed and were retried.</summary>
    public long FailedAttempts => Volatile.Read(ref _failedAttempts);

    /// <summary>How many times the database went from answering to failing.</summary>
    public long Outages => Volatile.Read(ref _outages);

    /// <summary>Failures in a row on the current batch; 0 while the database answers.</summary>
    public int ConsecutiveFailures => Volatile.Read(ref _consecutiveFailures);

    /// <summary>True while the current batch keeps failing.</summary>
    public bool DatabaseDown => ConsecutiveFailures > 0;

    /// <summary>When the database last acknowledged a batch (Unix ms, wall clock); 0 before the first.</summary>
    public long LastCommittedAtMs => Volatile.Read(ref _lastCommittedAtMs);

    /// <summary>The message of the last failure, null before any.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    internal void Committed(int records)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _records, records);
        Volatile.Write(ref _lastCommittedAtMs, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    internal int Failed(Exception error)
    {
        Interlocked.Increment(ref _failedAttempts);
        Volatile.Write(ref _lastError, error.Message);
        var failures = Interlocked.Increment(ref _consecutiveFailures);
        if (failures == 1)
        {
            Interlocked.Increment(ref _outages);
        }

        return failures;
    }

    internal void Recovered() => Volatile.Write(ref _consecutiveFailures, 0);
}
