namespace Calc.Engine.Plugins.Tests;

/// <summary><see cref="PluginValidator"/>: what <c>calc plugin validate</c> reports.</summary>
public sealed class ValidatorTests : IDisposable
{
    private readonly TestRoot _root = new();

    [Fact]
    public void ShouldValidateAGoodPluginAndListWhatItRegisters()
    {
        var result = PluginValidator.Validate(Path.Combine(TestRoot.Built("Acme.PowerCurve"), "Acme.PowerCurve.dll"));

        Assert.True(result.IsValid);
        Assert.Equal(TestRoot.Built("Acme.PowerCurve"), result.Folder);
        Assert.Equal(("acme.wind", "1.0.0", "Acme.PowerCurve.PowerCurvePlugin"), (result.Manifest!.Id, result.Manifest.Version, result.Manifest.EntryType));
        Assert.Equal(["operator acme.power-curve: params windSpeed*, power*, curve*, expectedOutput*, deviationOutput, flagOutput, tolerance, trigger"], result.Registered);
    }

    [Fact]
    public void ShouldListEveryProblemOfABadManifest()
    {
        var result = PluginValidator.Validate(TestRoot.Built("BadManifestPlugin"));

        Assert.False(result.IsValid);
        Assert.Null(result.Manifest);
        Assert.Equal(["id", "version", "entryAssembly", "operators[0].id", "operators[1].kind", "operators[1].colour"], result.Problems.Select(l => l.Split(": ")[1]));
        Assert.False(LoadedContexts.IsLoaded("BadManifestPlugin"));
    }

    [Fact]
    public void ShouldRefuseAWrongSdkWithoutLoadingIt()
    {
        var result = PluginValidator.Validate(Path.Combine(TestRoot.Built("WrongSdkPlugin"), "calc-plugin.json"));

        Assert.Contains("sdkVersion: the plugin was built against SDK 2.0.0; this Calc runs SDK 1.1.0", Assert.Single(result.Problems), StringComparison.Ordinal);
        Assert.False(LoadedContexts.IsLoaded("WrongSdkPlugin"));
    }

    [Fact]
    public void ShouldListRegistrationProblemsFoundByLoadingThePlugin()
    {
        var folder = _root.Install("GoodPlugin", "good");
        LoadingTests.Rewrite(folder, m => m["operators"]!.AsArray().Add(System.Text.Json.Nodes.JsonNode.Parse("""{"id":"test.extra","kind":"template"}""")));

        var result = PluginValidator.Validate(folder);

        Assert.Equal([$"{folder}/GoodPlugin.dll: declares template 'test.extra' in its manifest but does not register it"], result.Problems);
        Assert.Empty(result.Registered);
        Assert.Empty(LoadedContexts.Holding("GoodPlugin", folder));
    }

    [Fact]
    public void ShouldRefuseAPathThatDoesNotExist()
    {
        var missing = Path.Combine(_root.Path, "nothing-here");

        var result = PluginValidator.Validate(missing);

        Assert.Equal([$"{missing}: no such plugin folder or file"], result.Problems);
    }

    public void Dispose() => _root.Dispose();
}
