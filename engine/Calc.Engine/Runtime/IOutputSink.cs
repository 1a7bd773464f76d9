using Calc.Sdk;

namespace Calc.Engine.Runtime;

/// <summary>
/// Where a job's output records go (an NDJSON file, Kafka, Garnet, a TSDB). Called on the processing
/// lane for every output, so implementations buffer and do their I/O in batches.
/// </summary>
public interface IOutputSink
{
    /// <summary>Takes one output record. Must not block on I/O.</summary>
    void Write(in PointRecord record);

    /// <summary>Makes everything written so far durable or delivered (end of a batch, checkpoint, shutdown).</summary>
    void Flush();
}
