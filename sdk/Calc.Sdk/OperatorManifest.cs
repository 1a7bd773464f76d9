using System.Text.Json.Serialization;

namespace Calc.Sdk;

/// <summary>One template or operator a plugin provides, with its parameter schema.</summary>
public sealed record OperatorManifest
{
    /// <summary>The id jobs use.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary><c>template</c> or <c>operator</c>.</summary>
    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    /// <summary>One line on what it computes.</summary>
    [JsonPropertyName("description")]
    public string Description { get; init; } = "";

    /// <summary>Template settings (for templates).</summary>
    [JsonPropertyName("settings")]
    public IReadOnlyList<ParameterManifest> Settings { get; init; } = [];

    /// <summary>Fields of each policy (for templates).</summary>
    [JsonPropertyName("policy")]
    public IReadOnlyList<ParameterManifest> Policy { get; init; } = [];

    /// <summary>Parameters (for operators).</summary>
    [JsonPropertyName("params")]
    public IReadOnlyList<ParameterManifest> Params { get; init; } = [];
}
