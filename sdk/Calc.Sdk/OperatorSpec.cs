using System.Text.Json;

namespace Calc.Sdk;

/// <summary>The part of a job that configures one operator, as written, with where it stands in the job.</summary>
public sealed record OperatorSpec
{
    /// <summary>The job's id.</summary>
    public required string JobId { get; init; }

    /// <summary>The job's org.</summary>
    public required string OrgId { get; init; }

    /// <summary>The operator or template id the job names.</summary>
    public required string OperatorId { get; init; }

    /// <summary>The JSON path of the operator in the job (<c>""</c> for a job's top-level template, <c>pipeline[3]</c> for a step); prefix problem paths with it.</summary>
    public string Path { get; init; } = "";

    /// <summary>Template settings (an object, or undefined).</summary>
    public JsonElement Settings { get; init; }

    /// <summary>Template policies (an array, or undefined).</summary>
    public JsonElement Policies { get; init; }

    /// <summary>Operator parameters (an object, or undefined).</summary>
    public JsonElement Params { get; init; }
}
