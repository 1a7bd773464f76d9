using Calc.Engine.Hosting.Settings;
namespace Calc.Engine.Hosting.Serve;

/// <summary>How <c>calc serve</c> runs its jobs: where Kafka is, the group prefix, retry backoff and reporting.</summary>
internal sealed record ServeOptions
{
    public const string DefaultListen = "127.0.0.1:8080";

    /// <summary>The Kafka cluster every job reads and writes.</summary>
    public required string BootstrapServers { get; init; }

    /// <summary>The librdkafka client settings (security, tuning) every client of the service uses; none for the embedded broker.</summary>
    public KafkaSettings Kafka { get; init; } = new();

    /// <summary>Prepended to each job's consumer group (<c>source.kafka.group</c>, default the job id).</summary>
    public string GroupPrefix { get; init; } = "";

    /// <summary>Where operator state is checkpointed with its offsets (one file per job and partition).</summary>
    public required string CheckpointDirectory { get; init; }

    /// <summary>The first wait before a failed job is started again; doubled after each failure up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Requests without a token are served (as admin of every org) when they come from loopback: <c>--insecure-local</c>.</summary>
    public bool InsecureLocal { get; init; }

    /// <summary>With <c>--tls-cert</c>/<c>--tls-key</c>: the API answers HTTPS only, with this certificate.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; init; }

    /// <summary>
    /// How long a stop, delete, PUT or shutdown waits for a job's lanes to finish the batch they hold; a lane
    /// still busy then (a plugin looping on a record) is abandoned: nothing more is committed, its records
    /// wait in Kafka (<c>--stop-timeout</c>).
    /// </summary>
    public TimeSpan StopTimeout { get; init; } = Calc.Engine.Kafka.StreamingOptions.DefaultStopTimeout;

    /// <summary>A lane busy on one batch for longer than this fails <c>/health/ready</c> (<c>--stall-timeout</c>).</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The clock of the stop deadline and the stall detection (a fake one in tests).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How often a progress line per job is printed.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Which jobs run in a worker process of their own (<c>--isolation</c>).</summary>
    public Isolation.JobIsolation Isolation { get; init; } = DefaultIsolation;

    /// <summary>The default <see cref="Isolation"/>.</summary>
    public const Isolation.JobIsolation DefaultIsolation = Serve.Isolation.JobIsolation.None;

    /// <summary>How a worker process is started: the calc executable (or <c>dotnet</c> and <c>calc.dll</c>); <c>serve-worker</c> is added.</summary>
    public IReadOnlyList<string>? WorkerCommand { get; init; }

    /// <summary>The managed heap limit of each worker process in bytes (<c>--worker-memory</c>, <c>DOTNET_GCHeapHardLimit</c>); 0 for none.</summary>
    public long WorkerMemoryLimit { get; init; } = DefaultWorkerMemoryLimit;

    /// <summary>The default <see cref="WorkerMemoryLimit"/>: 1 GB.</summary>
    public const long DefaultWorkerMemoryLimit = 1L << 30;

    /// <summary>The default <see cref="MaxConcurrentCompiles"/>: one per processor.</summary>
    public static int DefaultMaxConcurrentCompiles => Environment.ProcessorCount;

    /// <summary>The default <see cref="CompileWait"/>.</summary>
    public static readonly TimeSpan DefaultCompileWait = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How many job compiles (validation of a PUT, a rollback, a test, a job's start) run at once (<c>--max-compiles</c>).
    /// A script may take up to its compile time limit (10 s) of one core to check.
    /// </summary>
    public int MaxConcurrentCompiles { get; init; } = DefaultMaxConcurrentCompiles;

    /// <summary>How long a request waits for a compile slot before it is answered 503 with <c>Retry-After</c> (<c>--compile-wait</c>).</summary>
    public TimeSpan CompileWait { get; init; } = DefaultCompileWait;
}
