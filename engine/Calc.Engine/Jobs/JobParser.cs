using System.Text.Json;
using Calc.Sdk;

namespace Calc.Engine.Jobs;

/// <summary>
/// Parses a job document strictly (SPEC §2): unknown fields are errors and every problem is reported
/// with its JSON path. Only the job's own shape is checked here; operators validate their settings,
/// policies and parameters when the job is compiled.
/// </summary>
public static class JobParser
{
    private static readonly string[] TopLevel =
        ["id", "orgId", "description", "template", "settings", "policies", "pipeline", "idleTimeout", "source", "outputs"];

    /// <summary>The job, or null when it has problems that leave it without an id or org.</summary>
    public static JobDefinition? Parse(string json, ProblemList problems)
    {
        var job = ParseForCheck(json, problems);
        return job is null || job.Id.Length == 0 || job.OrgId.Length == 0 ? null : job;
    }

    /// <summary>
    /// As <see cref="Parse"/>, but a job that only lacks its id or org is still returned (with empty ones),
    /// so that its steps are checked too and every problem is listed at once. Not to be run.
    /// </summary>
    internal static JobDefinition? ParseForCheck(string json, ProblemList problems)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException ex)
        {
            problems.Add("", $"the job is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {ex.Message.Split(" LineNumber")[0]}");
            return null;
        }

        var root = document.RootElement;
        if (!JsonShape.IsObject(root, "$", problems))
        {
            return null;
        }

        JsonShape.NoUnknownFields(root, "", problems, TopLevel);
        var id = JsonShape.String(root, "id", "", problems, required: true);
        var orgId = JsonShape.String(root, "orgId", "", problems, required: true);
        var template = JsonShape.String(root, "template", "", problems, required: false);
        var hasPipeline = root.TryGetProperty("pipeline", out var pipelineJson);
        CheckTemplateOrPipeline(root, template, hasPipeline, problems);

        var pipeline = hasPipeline ? PipelineParser.Parse(pipelineJson, problems) : null;
        var idle = JsonShape.Duration(root, "idleTimeout", "", problems, required: false);
        var source = root.TryGetProperty("source", out var sourceJson) ? SourceParser.Parse(sourceJson, problems) : null;
        var outputs = root.TryGetProperty("outputs", out var outputsJson) ? OutputsParser.Parse(outputsJson, problems) : new OutputsDefinition();
        return new JobDefinition
        {
            Id = id ?? "",
            OrgId = orgId ?? "",
            Description = root.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null,
            Template = template,
            Settings = root.TryGetProperty("settings", out var settings) ? settings.Clone() : default,
            Policies = root.TryGetProperty("policies", out var policies) ? policies.Clone() : default,
            Pipeline = pipeline,
            IdleTimeoutMs = idle ?? JobDefaults.IdleTimeoutMs,
            KafkaSource = source,
            Outputs = outputs,
            Json = json,
        };
    }

    private static void CheckTemplateOrPipeline(JsonElement root, string? template, bool hasPipeline, ProblemList problems)
    {
        // "template": null is no template (a template of another type has its own problem already).
        if (template is null && !hasPipeline && (!root.TryGetProperty("template", out var named) || named.ValueKind == JsonValueKind.Null))
        {
            problems.Add("", "a job needs either \"template\" (with \"settings\" and \"policies\") or \"pipeline\"");
        }

        if (root.TryGetProperty("template", out _) && hasPipeline)
        {
            problems.Add("pipeline", "a job has either \"template\" or \"pipeline\", not both (use a {\"op\":\"template\"} step inside the pipeline)");
        }

        if (hasPipeline)
        {
            foreach (var name in new[] { "settings", "policies" })
            {
                if (root.TryGetProperty(name, out _))
                {
                    problems.Add(name, "belongs to a template: put it in the pipeline's {\"op\":\"template\"} step");
                }
            }
        }
        else if (template is not null && !root.TryGetProperty("policies", out _))
        {
            problems.Add("policies", "required: a template job needs at least one policy");
        }
    }
}
