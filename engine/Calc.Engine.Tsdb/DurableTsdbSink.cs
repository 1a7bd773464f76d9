using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Engine.Tsdb;

/// <summary>
/// The engine's TSDB output when the records come from Kafka: <see cref="Write"/> queues without
/// waiting, <see cref="Flush"/> returns only when the database acknowledged everything written so far
/// (the <see cref="IOutputSink"/> promise). The streaming runner flushes its sinks before it saves a
/// checkpoint and commits offsets, so nothing is committed that the database does not have: while the
/// database is down the job holds at its next checkpoint and the records wait in Kafka.
/// </summary>
public sealed class DurableTsdbSink(TsdbQueueSource queue, CancellationToken stopping) : IOutputSink
{
    /// <inheritdoc />
    public void Write(in PointRecord record) => queue.Write(in record);

    /// <inheritdoc />
    /// <exception cref="OperationCanceledException">The job was stopped while the database had not acknowledged everything.</exception>
    public void Flush() => queue.FlushAndWait(stopping);
}
