using Calc.Engine.Runtime;
using Calc.Sdk;
using Confluent.Kafka;

namespace Calc.Engine.Kafka;

/// <summary>How a job runs on Kafka.</summary>
public sealed record StreamingOptions
{
    public const string DefaultOutputTopic = "calc-results";

    /// <summary>The default of <see cref="StopTimeout"/>.</summary>
    public static readonly TimeSpan DefaultStopTimeout = TimeSpan.FromSeconds(10);

    public required ConsumerConfig Consumer { get; init; }

    public required ProducerConfig Producer { get; init; }

    public required string InputTopic { get; init; }

    /// <summary>
    /// For a job with a group step on an input topic with several partitions: the topic its records are re-keyed
    /// through by group (created with the input topic's partition count when absent). Null: <c>JOBID-group-repartition</c>.
    /// </summary>
    public string? RepartitionTopic { get; init; }

    /// <summary>The job's output topic (key = assetId).</summary>
    public string OutputTopic { get; init; } = DefaultOutputTopic;

    /// <summary>Also write outputs back to the input topic so that other jobs can chain on them (the job skips its own).</summary>
    public bool WriteBackToInput { get; init; } = true;

    /// <summary>More sinks for every output (device state, TSDB).</summary>
    public IReadOnlyList<IOutputSink> ExtraSinks { get; init; } = [];

    /// <summary>Sinks that see every input record before it is processed (device state, connection status).</summary>
    public IReadOnlyList<IOutputSink> InputObservers { get; init; } = [];

    public IClock Clock { get; init; } = SystemClock.Instance;

    /// <summary>Measures how long a batch stays in the lanes (the stop deadline, <see cref="StreamingJobRunner.Stalled"/>).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// How long a stop waits for the lanes to finish the batch they hold before abandoning it (a plugin that
    /// loops on a record): the run then ends without committing anything after its last commit.
    /// </summary>
    public TimeSpan StopTimeout { get; init; } = DefaultStopTimeout;

    public IAssetDirectory Assets { get; init; } = AssetDirectory.Empty;

    /// <summary>Loggers for the job's operators (a failing rule's first error is logged there); none when null.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? Loggers { get; init; }

    /// <summary>The trace every lane writes the traced records' lines to (<c>calc run --trace</c>); none when null.</summary>
    public Calc.Engine.Tracing.TraceLog? Trace { get; init; }

    /// <summary>Where every lane looks for a trace attached while the job runs (<c>calc serve</c>'s <c>GET /jobs/{id}/trace</c>); none when null.</summary>
    public Calc.Engine.Tracing.TraceTap? TraceTap { get; init; }

    /// <summary>Stop after this long without new records, flushing every window as final (backfills, scripts).</summary>
    public TimeSpan? IdleExit { get; init; }

    /// <summary>Operator state per partition with its offset; null = commit offsets only (state is rebuilt from there).</summary>
    public IPartitionCheckpointStore? Checkpoints { get; init; }

    /// <summary>
    /// Start a partition that has a committed offset but no checkpoint in <see cref="Checkpoints"/> from that offset with
    /// empty operator state (its open windows are then computed from part of their records). False (the default): a job
    /// with stateful steps refuses such a partition with <see cref="MissingCheckpointException"/>; a job of only stateless
    /// steps starts it either way.
    /// </summary>
    public bool AcceptEmptyState { get; init; }

    /// <summary>
    /// Called once (on the consumer thread) when this member owns fewer partitions than the topic has, so other members
    /// of the group own the rest, while <see cref="Checkpoints"/> are local to this machine (<see cref="IPartitionCheckpointStore.IsLocal"/>):
    /// the message says that a group spanning machines needs a shared store. Null: not reported.
    /// </summary>
    public Action<string>? Warning { get; init; }

    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(5);

    public int BatchSize { get; init; } = 5_000;

    /// <summary>
    /// Called once per processed batch on the processing thread with the seconds from the batch's oldest Kafka
    /// message timestamp to the moment its records went through the lanes (outputs handed to the sinks): the
    /// processing latency of the batch's oldest record. One call per batch, not per record.
    /// </summary>
    public Action<double>? BatchLatency { get; init; }

    /// <summary>Called about once a second on the processing thread.</summary>
    public Action<StreamProgress>? Progress { get; init; }

    /// <summary>Replays from a point in time (<c>calc replay</c>): start offsets, empty state, where to stop; null for a normal run.</summary>
    public ReplayOptions? Replay { get; init; }

    /// <summary>Pauses and resumes the run (<c>POST /jobs/{id}/pause</c>); null for a run that is never paused.</summary>
    public PauseSwitch? Pause { get; init; }
}
