using System.Text.Json;
using System.Text.Json.Nodes;
using Calc.Engine.Jobs;
using Calc.Engine.Plugins;
using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Engine.Steps;

/// <summary>
/// <c>{"op":"expression"|"script", …, "output":…, "trigger":…}</c>: a point-triggered rule. It is
/// the <c>multi-point-merging</c> template with one policy, so a pipeline rule and a template rule
/// share one implementation (latest-value cache, skips, attributes).
/// </summary>
internal static class ExpressionStep
{
    public const string MergingTemplate = "multi-point-merging";
    private const string Placeholder = "\u0001step";

    public static CompiledStep? Define(PipelineStepDefinition step, JobDefinition job, OperatorRegistry registry, IDefinitionContext context, ProblemList problems)
    {
        var textField = step.Op;
        JsonShape.NoUnknownFields(step.Json, step.Path, problems, "op", textField, "output", "trigger");
        var text = JsonShape.String(step.Json, textField, step.Path, problems, required: true);
        var output = JsonShape.String(step.Json, "output", step.Path, problems, required: true);
        var trigger = JsonShape.String(step.Json, "trigger", step.Path, problems, required: false);
        if (!registry.TryGet(MergingTemplate, out var merging))
        {
            problems.Add(step.Path, $"{step.Op} steps need the '{MergingTemplate}' template of the built-in template pack, which is not installed");
            return null;
        }

        if (text is null || output is null)
        {
            return null;
        }

        var policy = new JsonObject { ["output"] = output, [textField] = text };
        if (trigger is not null)
        {
            policy["triggerPoint"] = trigger;
        }

        var spec = new OperatorSpec
        {
            JobId = job.Id,
            OrgId = job.OrgId,
            OperatorId = MergingTemplate,
            Path = Placeholder,
            Settings = JsonSerializer.SerializeToElement(new JsonObject { ["trigger"] = "point" }),
            Policies = JsonSerializer.SerializeToElement(new JsonArray(policy)),
        };
        var local = new ProblemList();
        var definition = merging.Factory.Define(spec, context, local);
        foreach (var problem in local.Items)
        {
            problems.Add(Rewrite(problem.Path, step.Path), StepMessage(problem.Message));
        }

        return definition is null || !local.IsEmpty ? null : new CompiledStep(step.Path, step.Op, definition);
    }

    // The template's messages name its policy fields; a step names the trigger "trigger" and has no frequency trigger.
    private static string StepMessage(string message) => message
        .Replace("name a triggerPoint or use the frequency trigger", "name the point that triggers it (\"trigger\": \"model::point\")", StringComparison.Ordinal)
        .Replace("triggerPoint", "trigger", StringComparison.Ordinal);

    private static string Rewrite(string path, string stepPath)
    {
        var policyPrefix = Placeholder + ".policies[0]";
        if (path.StartsWith(policyPrefix, StringComparison.Ordinal))
        {
            var rest = path[policyPrefix.Length..].Replace(".triggerPoint", ".trigger", StringComparison.Ordinal);
            return stepPath + rest;
        }

        return path.StartsWith(Placeholder, StringComparison.Ordinal) ? stepPath + path[Placeholder.Length..] : path;
    }
}
