using System.Text.Json.Serialization;

namespace Calc.Sdk;

/// <summary>
/// <c>calc-plugin.json</c>, next to every plugin DLL: what the plugin is and what it provides. Calc
/// reads and validates it before loading any code.
/// </summary>
public sealed record PluginManifest
{
    /// <summary>Unique plugin (or template pack) id, e.g. <c>calc.builtin</c> or <c>acme.wind</c>.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>The plugin's version (semantic versioning).</summary>
    [JsonPropertyName("version")]
    public required string Version { get; init; }

    /// <summary>The SDK version it was built against; its major version must match <see cref="SdkInfo.Major"/>.</summary>
    [JsonPropertyName("sdkVersion")]
    public required string SdkVersion { get; init; }

    /// <summary>The entry assembly file name, e.g. <c>Acme.Wind.dll</c>.</summary>
    [JsonPropertyName("entryAssembly")]
    public required string EntryAssembly { get; init; }

    /// <summary>The full name of the <see cref="ICalcPlugin"/> type.</summary>
    [JsonPropertyName("entryType")]
    public required string EntryType { get; init; }

    /// <summary>What the plugin provides.</summary>
    [JsonPropertyName("operators")]
    public required IReadOnlyList<OperatorManifest> Operators { get; init; }
}
