using Calc.Sdk;

namespace Calc.Engine.Plugins;

/// <summary>The result of <see cref="PluginValidator.Validate"/>.</summary>
/// <param name="Folder">The plugin folder checked (full path).</param>
/// <param name="Manifest">The plugin's manifest when it is valid; null when there are problems.</param>
/// <param name="Problems">Every problem, each starting with the file it is about; empty when valid.</param>
/// <param name="Registered">What the plugin registered, one line per operator (<c>operator acme.x: params a*, b</c>; <c>*</c> = required).</param>
public sealed record PluginValidation(string Folder, PluginManifest? Manifest, IReadOnlyList<string> Problems, IReadOnlyList<string> Registered)
{
    /// <summary>True when the plugin can be installed.</summary>
    public bool IsValid => Problems.Count == 0;
}
