namespace Calc.Host.Commands;

/// <summary>What <c>calc replay</c> was asked: recompute from <paramref name="FromMs"/>, optionally stopping past <paramref name="ToMs"/> (epoch ms).</summary>
internal sealed record ReplayRequest(long FromMs, long? ToMs);
