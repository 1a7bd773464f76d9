namespace Calc.Engine.Metadata;

/// <summary>
/// A replay asked of a job that <c>calc serve</c> runs, kept with the job until the replay's first checkpoint
/// replaced the job's old ones: a service restarted before then rewinds the job again instead of restoring them.
/// </summary>
/// <param name="JobId">The job.</param>
/// <param name="Version">The version that was stored when the replay was asked (the replay runs the latest version).</param>
/// <param name="FromMs">The time asked for (epoch ms); state restarts at the start of its day.</param>
/// <param name="ToMs">Where the replay part ends (epoch ms), after which the job runs on normally; null: it reads on into live data.</param>
/// <param name="RequestedAt">When it was asked.</param>
/// <param name="RequestedBy">Who asked (the token's name).</param>
public sealed record JobReplay(string JobId, int Version, long FromMs, long? ToMs, DateTimeOffset RequestedAt, string RequestedBy);
