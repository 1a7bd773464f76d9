using System.Text.Json.Serialization;

namespace Calc.Sdk;

/// <summary>
/// One parameter of an operator's schema. The engine checks jobs against it (unknown fields, missing
/// required ones, types) before the operator's own validation runs; a UI can render a form from it.
/// </summary>
public sealed record ParameterManifest
{
    /// <summary>The JSON property name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>
    /// One of <c>string</c>, <c>number</c>, <c>boolean</c>, <c>duration</c>, <c>interval</c>,
    /// <c>point</c> (<c>model::point</c>), <c>points</c> (array of them), <c>enum</c>,
    /// <c>expression</c>, <c>script</c>, <c>timeZone</c>, <c>numberOrAttribute</c>,
    /// <c>intervalOrAttribute</c>, <c>stringOrAttribute</c>, <c>object</c>, <c>array</c>.
    /// </summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    /// <summary>Whether the job must give it.</summary>
    [JsonPropertyName("required")]
    public bool Required { get; init; }

    /// <summary>The allowed values of an <c>enum</c>.</summary>
    [JsonPropertyName("values")]
    public IReadOnlyList<string>? Values { get; init; }

    /// <summary>The default, as text, for documentation.</summary>
    [JsonPropertyName("default")]
    public string? Default { get; init; }

    /// <summary>One line on what it does.</summary>
    [JsonPropertyName("description")]
    public string Description { get; init; } = "";
}
