using Calc.Sdk;

namespace Calc.Engine.Tsdb;

/// <summary>
/// Writes output records into a time-series database. Upsert semantics: the last record written for
/// an (org, model, asset, point, time) is the value. Not thread-safe for concurrent writes: one
/// caller (the <see cref="TsdbWriterLoop"/>) writes one batch at a time.
/// </summary>
public interface ITsdbWriter : IDisposable
{
    /// <summary>What the writer did with the records it was given (written, left out and why).</summary>
    TsdbWriteCounters Counters { get; }

    /// <summary>
    /// Writes one batch. Completes only once the database acknowledged every record of the batch that
    /// the writer keeps (storage policy, value type and calMode filters); throws when it did not, in
    /// which case the whole batch may be written again (writes are idempotent).
    /// </summary>
    Task WriteAsync(IReadOnlyList<PointRecord> batch, CancellationToken ct);

    /// <summary>
    /// The source ended (a bounded input): writes whatever the writer held back waiting for a final value,
    /// with the same acknowledgement contract as <see cref="WriteAsync"/>. Writers that hold nothing back
    /// do nothing.
    /// </summary>
    Task CompleteAsync(CancellationToken ct) => Task.CompletedTask;
}
