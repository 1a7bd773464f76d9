namespace Calc.Engine.Hosting.Serve.Isolation;

/// <summary>
/// One line a worker process writes on its standard output (JSON): <c>progress</c> (the counters of
/// <c>GET /jobs/{id}</c>, about once a second and at the end), <c>beat</c> (every second, with the lane
/// busy on a batch, if any), <c>running</c> (compiled, reading), <c>error</c> (the run failed: why) and
/// <c>stopped</c> (a stop finished: drained, checkpointed, committed).
/// </summary>
internal sealed record WorkerReport
{
    public required string Type { get; init; }

    public long Read { get; init; }

    public long Processed { get; init; }

    public long Rejected { get; init; }

    public long Outputs { get; init; }

    public long DeadLettered { get; init; }

    public long Lag { get; init; } = -1;

    public int Partitions { get; init; }

    public Dictionary<string, long>? FilteredBy { get; init; }

    public Dictionary<string, long>? Counters { get; init; }

    public List<string>? Problems { get; init; }

    /// <summary>With <c>beat</c>: the partition and offset of the record a lane is busy on (null when idle).</summary>
    public int? BusyPartition { get; init; }

    public long? BusyOffset { get; init; }

    /// <summary>With <c>beat</c>: the worker's managed heap and working set, in bytes.</summary>
    public long HeapBytes { get; init; }

    public long WorkingSetBytes { get; init; }

    /// <summary>With <c>error</c>.</summary>
    public string? Message { get; init; }
}
