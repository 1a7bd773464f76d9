namespace Calc.Engine.State;

/// <summary>Who holds a job's lease and for how much longer.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Owner">The holder's id (host:pid:random unless the holder chose one).</param>
/// <param name="TimeToLive">Time left before the lease lapses unless renewed; null if it has no TTL.</param>
public readonly record struct LeaseInfo(string JobId, string Owner, TimeSpan? TimeToLive);
