namespace Calc.Engine.Hosting.Serve;

/// <summary>
/// The replay a served job runs (or last ran), as <c>GET /jobs/{id}</c> shows it under <c>status.replay</c>.
/// </summary>
/// <param name="From">The time asked for.</param>
/// <param name="RestartAt">Where state restarted empty: the start of the day containing <paramref name="From"/> (UTC and the job's time zones).</param>
/// <param name="To">Where the replay part ends, after which the job runs on normally; null: it reads on into live data.</param>
/// <param name="RequestedAt">When it was asked.</param>
/// <param name="RequestedBy">Who asked (the token's name).</param>
/// <param name="Checkpointed">The replay's first checkpoint replaced the job's old checkpoints and offsets; until then a restart of the service rewinds the job again.</param>
/// <param name="Reached">The event time the slowest asset reached; null before the first record.</param>
/// <param name="RecordsPerSecond">Records read per second between the last two progress reports.</param>
/// <param name="Read">Records read since the replay started.</param>
/// <param name="Skipped">Records skipped because their event time is before <paramref name="RestartAt"/>.</param>
/// <param name="DroppedOutputs">Outputs not written because they are dated before <paramref name="RestartAt"/>.</param>
/// <param name="Remaining">Messages still to read on the job's partitions (-1 before the first report).</param>
/// <param name="Fraction">Of the messages there were to read from the replay's start offsets, the part read (0 to 1).</param>
/// <param name="CaughtUp">Every partition was read to its end: the job runs on live data.</param>
/// <param name="Done">With <paramref name="To"/>: every partition went past it; the job then runs on from the replay's checkpoint.</param>
/// <param name="SecondsToCatchUp">Remaining messages over the current rate; null when caught up or not known.</param>
internal sealed record ReplayStatus(
    DateTimeOffset From,
    DateTimeOffset RestartAt,
    DateTimeOffset? To,
    DateTimeOffset RequestedAt,
    string RequestedBy,
    bool Checkpointed,
    DateTimeOffset? Reached,
    double RecordsPerSecond,
    long Read,
    long Skipped,
    long DroppedOutputs,
    long Remaining,
    double Fraction,
    bool CaughtUp,
    bool Done,
    double? SecondsToCatchUp);
