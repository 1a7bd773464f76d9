using Calc.Engine.Hosting.Settings;

namespace Calc.Engine.Hosting.Serve.Isolation;

/// <summary>
/// What <c>calc serve</c> sends a worker process as the first line of its standard input (JSON): the job
/// to run and where it reads, writes and checkpoints: the same consumer group and checkpoint files the job
/// uses in the service's own process, so a job moved between the two modes resumes where it was.
/// </summary>
internal sealed record WorkerRequest
{
    public required string JobJson { get; init; }

    public required int Version { get; init; }

    public required string BootstrapServers { get; init; }

    public KafkaSettings Kafka { get; init; } = new();

    public string GroupPrefix { get; init; } = "";

    public required string CheckpointDirectory { get; init; }

    /// <summary>The worker's own bound on a stop (<see cref="ServeOptions.StopTimeout"/>), in ms; the service kills it later than that.</summary>
    public long StopTimeoutMs { get; init; } = 10_000;
}
