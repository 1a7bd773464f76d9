using Calc.Engine.Jobs;

namespace Calc.Engine.Runtime;

/// <summary>A job whose operators are validated and compiled; lanes are created from it.</summary>
public sealed record CompiledJob(JobDefinition Definition, IReadOnlyList<CompiledStep> Steps);
