using System.Text.Json;
using Calc.Sdk;

namespace Calc.Engine.Jobs;

/// <summary>Reads the <c>pipeline</c> array: each step must be an object with an <c>op</c>.</summary>
internal static class PipelineParser
{
    public static IReadOnlyList<PipelineStepDefinition>? Parse(JsonElement pipeline, ProblemList problems)
    {
        if (pipeline.ValueKind != JsonValueKind.Array || pipeline.GetArrayLength() == 0)
        {
            problems.Add("pipeline", "expected a non-empty array of steps");
            return null;
        }

        var steps = new List<PipelineStepDefinition>();
        var index = 0;
        foreach (var step in pipeline.EnumerateArray())
        {
            var path = ProblemList.Index("pipeline", index++);
            if (!JsonShape.IsObject(step, path, problems))
            {
                continue;
            }

            var op = JsonShape.String(step, "op", path, problems, required: true);
            if (op is not null)
            {
                steps.Add(new PipelineStepDefinition(op, step.Clone(), path));
            }
        }

        return steps;
    }
}
