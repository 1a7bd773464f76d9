namespace Calc.Engine.Plugins;

/// <summary>One installed plugin version as <see cref="PluginCatalog"/> sees it (for <c>calc plugin list</c> and the REST API).</summary>
/// <param name="Id">The manifest's id (the folder name when the manifest cannot be read).</param>
/// <param name="Version">The manifest's version, or <c>?</c>.</param>
/// <param name="SdkVersion">The SDK version the plugin was built against, or <c>?</c>.</param>
/// <param name="Folder">The install folder.</param>
/// <param name="State">Active, draining, inactive or failed.</param>
/// <param name="Operators">The operator and template ids its manifest declares.</param>
/// <param name="Problems">Why it failed (empty otherwise).</param>
/// <param name="Jobs">How many running jobs use this version.</param>
public sealed record PluginInstallInfo(
    string Id,
    string Version,
    string SdkVersion,
    string Folder,
    PluginState State,
    IReadOnlyList<string> Operators,
    IReadOnlyList<string> Problems,
    int Jobs);
