namespace Calc.Engine.Hosting.Serve;

/// <summary>A served job's status as the REST API shows it.</summary>
internal sealed record JobStatus(
    string Id,
    int Version,
    string State,
    string? Error,
    string? Source,
    long Read,
    long Outputs,
    long Rejected,
    long Filtered,
    long Lag,
    int Partitions,
    int Failures,
    DateTimeOffset? StartedAt,
    DateTimeOffset? NextRetryAt)
{
    /// <summary>The last few distinct messages of failing rules (a script that threw, an expression on a wrong type).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>A lane busy on one record for longer than <see cref="ServeOptions.StallTimeout"/> (null when none is).</summary>
    public StalledLane? Stalled { get; init; }

    /// <summary>Lanes a stop gave up whose threads have not ended yet (they may hold a core until they return).</summary>
    public IReadOnlyList<AbandonedLane> Abandoned { get; init; } = [];

    /// <summary>The worker process the job runs in (<c>--isolation</c>), null when it runs in the service's process.</summary>
    public WorkerStatus? Worker { get; init; }

    /// <summary>The replay this run of the job started with (<c>POST /jobs/{id}/replay</c>, <c>PUT ?recomputeFrom</c>), with its progress; null when none.</summary>
    public ReplayStatus? Replay { get; init; }
}
