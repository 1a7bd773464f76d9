using System.Text.Json;

namespace Calc.Engine.Jobs;

/// <summary>A parsed job (SPEC §2): either a template with settings and policies, or a pipeline.</summary>
public sealed record JobDefinition
{
    public required string Id { get; init; }

    public required string OrgId { get; init; }

    public string? Description { get; init; }

    public string? Template { get; init; }

    public JsonElement Settings { get; init; }

    public JsonElement Policies { get; init; }

    public IReadOnlyList<PipelineStepDefinition>? Pipeline { get; init; }

    /// <summary>Wall-clock silence after which an asset's open windows are closed (plus the operator's latency).</summary>
    public long IdleTimeoutMs { get; init; } = JobDefaults.IdleTimeoutMs;

    public KafkaSourceDefinition? KafkaSource { get; init; }

    public OutputsDefinition Outputs { get; init; } = new();

    /// <summary>The job's JSON as given (stored in the metadata database).</summary>
    public string Json { get; init; } = "{}";
}
