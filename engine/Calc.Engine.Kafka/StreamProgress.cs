using Calc.Engine.Runtime;

namespace Calc.Engine.Kafka;

/// <summary>A progress report of a streaming run.</summary>
/// <param name="Metrics">The job's counters so far.</param>
/// <param name="DeadLettered">Malformed messages sent to the dead-letter topic.</param>
/// <param name="Partitions">Partitions this member owns.</param>
/// <param name="Lag">Consumer lag summed over them (-1 = unknown).</param>
/// <param name="Elapsed">Time since the run started.</param>
/// <param name="PartitionLags">The lag of each owned partition (empty when unknown).</param>
/// <param name="EventLagWorstMs">Wall clock minus the oldest asset watermark (ms); -1 before any record.</param>
/// <param name="EventLagP99Ms">The 99th percentile over assets of wall clock minus the asset's watermark (ms); -1 before any record.</param>
/// <param name="LastCheckpointMs">When the last barrier committed (Unix ms, the run's clock); 0 before the first.</param>
/// <param name="ProduceFailed">Outputs whose delivery to Kafka failed (output and write-back topics).</param>
/// <param name="OldestWatermarkMs">The oldest asset watermark (event time, epoch ms): how far the slowest asset got; -1 before any record.</param>
/// <param name="ReplaySkipped">Records a replay skipped because their event time is before its start (<see cref="ReplayOptions.FromMs"/>).</param>
/// <param name="ReplayCaughtUp">A replay read every owned partition to its end at least once: it runs as the live job now.</param>
public sealed record StreamProgress(
    JobMetrics Metrics,
    long DeadLettered,
    int Partitions,
    long Lag,
    TimeSpan Elapsed,
    IReadOnlyList<PartitionLag>? PartitionLags = null,
    long EventLagWorstMs = -1,
    long EventLagP99Ms = -1,
    long LastCheckpointMs = 0,
    long ProduceFailed = 0,
    long OldestWatermarkMs = -1,
    long ReplaySkipped = 0,
    bool ReplayCaughtUp = false);
