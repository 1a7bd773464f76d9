using System.Text.Json;
using Calc.Engine.Jobs;
using Calc.Engine.Plugins;
using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Engine.Steps;

/// <summary>Defines a template (top-level or <c>{"op":"template"}</c>) or a plugin operator step through the registry.</summary>
internal static class OperatorStep
{
    public static CompiledStep? DefineTemplate(string? id, JsonElement settings, JsonElement policies, string path, JobDefinition job, OperatorRegistry registry, IDefinitionContext context, ProblemList problems)
    {
        var templatePath = ProblemList.Join(path, "template");
        if (id is null)
        {
            return null;
        }

        if (!registry.TryGet(id, out var registered) || registered.Factory.Kind != OperatorKind.Template)
        {
            var installed = Installed(registry, OperatorKind.Template).ToList();
            var meant = NameSuggestion.Closest(id, installed);
            if (meant is null || !registry.TryGet(meant, out var suggested))
            {
                problems.Add(templatePath, $"unknown template '{id}' (installed: {string.Join(", ", installed)})");
                return null;
            }

            // Every problem at once: the settings and policies are checked as the template it most likely names.
            problems.Add(templatePath, $"unknown template '{id}': did you mean '{meant}'? (installed: {string.Join(", ", installed)}; the settings and policies are checked as '{meant}')");
            _ = DefineChecked(meant, settings, policies, path, job, suggested, context, problems);
            return null;
        }

        return DefineChecked(id, settings, policies, path, job, registered, context, problems);
    }

    private static CompiledStep? DefineChecked(string id, JsonElement settings, JsonElement policies, string path, JobDefinition job, RegisteredOperator registered, IDefinitionContext context, ProblemList problems)
    {
        if (policies.ValueKind != JsonValueKind.Array || policies.GetArrayLength() == 0)
        {
            problems.Add(ProblemList.Join(path, "policies"), "expected a non-empty array of policies");
            return null;
        }

        var spec = new OperatorSpec { JobId = job.Id, OrgId = job.OrgId, OperatorId = id, Path = path, Settings = settings, Policies = policies };
        return Define(spec, registered, context, problems);
    }

    public static CompiledStep? DefineOperator(PipelineStepDefinition step, JobDefinition job, OperatorRegistry registry, IDefinitionContext context, ProblemList problems)
    {
        if (!registry.TryGet(step.Op, out var registered) || registered.Factory.Kind != OperatorKind.Operator)
        {
            problems.Add(ProblemList.Join(step.Path, "op"),
                $"unknown operator '{step.Op}' (built-in steps: select, threshold, expression, script, template; installed operators: {string.Join(", ", Installed(registry, OperatorKind.Operator))})");
            return null;
        }

        JsonShape.NoUnknownFields(step.Json, step.Path, problems, "op", "params");
        var parameters = step.Json.TryGetProperty("params", out var p) ? p : default;
        var spec = new OperatorSpec { JobId = job.Id, OrgId = job.OrgId, OperatorId = step.Op, Path = step.Path, Params = parameters };
        return Define(spec, registered, context, problems);
    }

    private static CompiledStep? Define(OperatorSpec spec, RegisteredOperator registered, IDefinitionContext context, ProblemList problems)
    {
        var before = problems.Items.Count;
        var checkedFields = new ProblemList();
        if (registered.Manifest is not null)
        {
            ManifestFieldCheck.Check(spec, registered.Manifest, problems, checkedFields);
        }

        // The operator validates too; a field the manifest check already reported is not reported twice.
        var own = new ProblemList();
        IOperatorDefinition? definition;
        try
        {
            definition = registered.Factory.Define(spec, context, own);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            own.Add(spec.Path, $"'{spec.OperatorId}' from plugin '{registered.PluginId}' {registered.PluginVersion} failed while validating: {ex.Message}");
            definition = null;
        }

        // In the operator's order; where the manifest check reported a field, its problem stands for the operator's.
        var reported = checkedFields.Items.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        var emitted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var problem in own.Items)
        {
            if (!reported.Contains(problem.Path))
            {
                problems.Add(problem.Path, problem.Message);
            }
            else if (emitted.Add(problem.Path))
            {
                AddAt(checkedFields, problem.Path, problems);
            }
        }

        foreach (var problem in checkedFields.Items.Where(p => emitted.Add(p.Path)))
        {
            AddAt(checkedFields, problem.Path, problems);
        }

        return definition is null || problems.Items.Count > before
            ? null
            : new CompiledStep(spec.Path, spec.OperatorId, definition);
    }

    private static void AddAt(ProblemList from, string path, ProblemList to)
    {
        foreach (var problem in from.Items.Where(p => p.Path == path))
        {
            to.Add(problem.Path, problem.Message);
        }
    }

    private static IEnumerable<string> Installed(OperatorRegistry registry, OperatorKind kind) =>
        registry.All.Where(o => o.Factory.Kind == kind).Select(o => o.Factory.Id).Order(StringComparer.Ordinal);
}
