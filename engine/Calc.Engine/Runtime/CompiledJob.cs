using Calc.Engine.Jobs;

namespace Calc.Engine.Runtime;

/// <summary>
/// A job whose operators are validated and compiled; lanes are created from it. Dispose it when the
/// job stops for good: what was compiled for it alone (C# script assemblies) is unloaded.
/// </summary>
public sealed record CompiledJob(JobDefinition Definition, IReadOnlyList<CompiledStep> Steps) : IDisposable
{
    /// <summary>Resources made for this job alone (its per-job rule compilers), disposed with it.</summary>
    public IReadOnlyList<IDisposable> Owned { get; init; } = [];

    public void Dispose()
    {
        foreach (var owned in Owned)
        {
            owned.Dispose();
        }
    }
}
