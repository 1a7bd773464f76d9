using Calc.Sdk;

namespace Calc.Engine.Hosting.Serve;

/// <summary>What <c>PUT /jobs/{id}</c> came to: the problems of an invalid job, or the stored version and what was done with it.</summary>
internal sealed record PutOutcome(IReadOnlyList<Problem> Problems, int Version = 0, bool Created = false, bool Changed = false, bool Restarted = false)
{
    /// <summary>With <c>?recomputeFrom</c>: where the new version's state restarts (epoch ms); null otherwise.</summary>
    public long? RestartMs { get; init; }
}
