using Calc.Sdk;

namespace Calc.Engine.Runtime;

/// <summary>One validated operator of a job: where it is in the job, what it is, and its definition.</summary>
public sealed record CompiledStep(string Path, string OperatorId, IOperatorDefinition Definition, bool IsFilter = false);
