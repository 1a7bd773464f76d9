namespace Calc.Engine.Metadata;

/// <summary>One change made through <c>calc serve</c>'s API.</summary>
/// <param name="Seq">Its number, increasing.</param>
/// <param name="At">When.</param>
/// <param name="Token">The name of the token that made it (<c>anonymous</c> with <c>--insecure-local</c>).</param>
/// <param name="Org">The token's organization (null for anonymous).</param>
/// <param name="Action">What: <c>job.put</c>, <c>job.delete</c>, <c>job.start</c>, <c>job.stop</c> …</param>
/// <param name="Target">On what (a job id).</param>
/// <param name="Detail">A short description (the version, the diff).</param>
public sealed record AuditEntry(long Seq, DateTimeOffset At, string Token, string? Org, string Action, string Target, string Detail);
