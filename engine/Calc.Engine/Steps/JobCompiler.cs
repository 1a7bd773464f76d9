using Calc.Engine.Jobs;
using Calc.Engine.Plugins;
using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Engine.Steps;

/// <summary>Turns a parsed job into compiled steps, reporting every problem of every step at once.</summary>
public static class JobCompiler
{
    public static CompiledJob? Compile(JobDefinition job, OperatorRegistry registry, IDefinitionContext context, ProblemList problems)
    {
        var steps = new List<CompiledStep>();
        if (job.Pipeline is null)
        {
            var step = OperatorStep.DefineTemplate(job.Template, job.Settings, job.Policies, "", job, registry, context, problems);
            if (step is not null)
            {
                steps.Add(step);
            }
        }
        else
        {
            foreach (var stepDefinition in job.Pipeline)
            {
                var step = DefineStep(stepDefinition, job, registry, context, problems);
                if (step is not null)
                {
                    steps.Add(step);
                }
            }
        }

        return problems.IsEmpty && steps.Count > 0 ? new CompiledJob(job, steps) : null;
    }

    private static CompiledStep? DefineStep(PipelineStepDefinition step, JobDefinition job, OperatorRegistry registry, IDefinitionContext context, ProblemList problems)
    {
        switch (step.Op)
        {
            case "select":
                return SelectStep.Define(step, problems);
            case "threshold":
                return ThresholdStep.Define(step, problems);
            case "expression":
            case "script":
                return ExpressionStep.Define(step, job, registry, context, problems);
            case "template":
                JsonShape.NoUnknownFields(step.Json, step.Path, problems, "op", "template", "settings", "policies");
                var id = JsonShape.String(step.Json, "template", step.Path, problems, required: true);
                var settings = step.Json.TryGetProperty("settings", out var s) ? s : default;
                var policies = step.Json.TryGetProperty("policies", out var p) ? p : default;
                return OperatorStep.DefineTemplate(id, settings, policies, step.Path, job, registry, context, problems);
            default:
                return OperatorStep.DefineOperator(step, job, registry, context, problems);
        }
    }
}
