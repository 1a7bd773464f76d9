namespace Calc.Engine.Metadata;

/// <summary>An installed pack version: a plugin folder whose <c>calc-plugin.json</c> is its manifest.</summary>
/// <param name="Id">The manifest's id.</param>
/// <param name="Version">The manifest's version.</param>
/// <param name="SdkVersion">The SDK version the pack was built against.</param>
/// <param name="Folder">Where its files are (for the built-in pack: next to the program).</param>
/// <param name="BuiltIn">True for the templates that ship with Calc (never removed).</param>
/// <param name="InstalledAt">When it was recorded.</param>
/// <param name="Operators">The templates and operators its manifest declares.</param>
public sealed record PackRecord(string Id, string Version, string SdkVersion, string Folder, bool BuiltIn, DateTimeOffset InstalledAt, IReadOnlyList<string> Operators)
{
    /// <summary>The manifest's version as a comparable <see cref="System.Version"/>.</summary>
    public Version ParsedVersion => System.Version.Parse(Version);
}
