using System.Text.Json;

namespace Calc.Engine.Jobs;

/// <summary>One pipeline step as written: its <c>op</c>, its whole JSON object, and its path in the job.</summary>
public sealed record PipelineStepDefinition(string Op, JsonElement Json, string Path);
