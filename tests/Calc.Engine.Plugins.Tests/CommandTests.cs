using System.Text.RegularExpressions;

namespace Calc.Engine.Plugins.Tests;

/// <summary><c>calc plugin list</c> and <c>calc plugin validate</c>, as the CLI runs them.</summary>
public sealed partial class CommandTests : IDisposable
{
    private readonly TestRoot _root = new();

    [Fact]
    public void ShouldListEveryInstalledVersionWithItsStateOperatorsFolderAndProblems()
    {
        var v1 = _root.Install("VersionedPluginV1", "test.versioned/1.0.0");
        var v2 = _root.Install("VersionedPluginV2", "test.versioned/2.0.0");
        var good = _root.Install("GoodPlugin", "test.good/1.0.0");
        var wrong = _root.Install("WrongSdkPlugin", "test.wrong-sdk/1.0.0");
        var output = new StringWriter();

        var exit = PluginCommands.Run(["list"], [_root.Path], output, TextWriter.Null);

        Assert.Equal(PluginCommands.Ok, exit);
        var lines = output.ToString().TrimEnd().Split(Environment.NewLine);
        Assert.Equal($"Plugin roots: {_root.Path}", lines[0]);
        Assert.Equal(
            [
                ["ID", "VERSION", "SDK", "STATE", "OPERATORS", "FOLDER"],
                ["test.good", "1.0.0", "1.0.0", "active", "test.scale", good],
                ["test.versioned", "2.0.0", "1.0.0", "active", "test.versioned", v2],
                ["test.versioned", "1.0.0", "1.0.0", "inactive", "test.versioned", v1],
                ["test.wrong-sdk", "1.0.0", "2.0.0", "failed", "test.wrong-sdk", wrong],
            ],
            lines[1..6].Select(l => Columns().Split(l)));
        Assert.Equal($"    problem: {wrong}/calc-plugin.json: sdkVersion: the plugin was built against SDK 2.0.0; this Calc runs SDK 1.1.0 (major versions must match)", lines[6]);
        Assert.Equal(7, lines.Length);
    }

    [Fact]
    public void ShouldSaySoWhenNothingIsInstalled()
    {
        var output = new StringWriter();

        var exit = PluginCommands.List([Path.Combine(_root.Path, "none")], output);

        Assert.Equal(PluginCommands.Ok, exit);
        Assert.Equal($"Plugin roots: {_root.Path}/none (missing){Environment.NewLine}No plugins installed.", output.ToString().Trim());
    }

    [Fact]
    public void ShouldValidateAGoodPluginAndListWhatItRegisters()
    {
        var output = new StringWriter();

        var exit = PluginCommands.Validate(Path.Combine(TestRoot.Built("Acme.PowerCurve"), "Acme.PowerCurve.dll"), output);

        Assert.Equal(PluginCommands.Ok, exit);
        Assert.Equal(
            $"""
            {TestRoot.Built("Acme.PowerCurve")}: ok — plugin acme.wind 1.0.0 (SDK 1.0.0, this Calc runs SDK 1.1.0), entry Acme.PowerCurve.PowerCurvePlugin in Acme.PowerCurve.dll
              operator acme.power-curve: params windSpeed*, power*, curve*, expectedOutput*, deviationOutput, flagOutput, tolerance, trigger
            """,
            output.ToString().TrimEnd());
    }

    [Fact]
    public void ShouldListEveryProblemOfABadManifestAndExitTwo()
    {
        var output = new StringWriter();

        var exit = PluginCommands.Validate(TestRoot.Built("BadManifestPlugin"), output);

        Assert.Equal(PluginCommands.Invalid, exit);
        var lines = output.ToString().TrimEnd().Split(Environment.NewLine);
        Assert.Equal($"{TestRoot.Built("BadManifestPlugin")}: 6 problems:", lines[0]);
        Assert.Equal(["id", "version", "entryAssembly", "operators[0].id", "operators[1].kind", "operators[1].colour"], lines[1..].Select(l => l.Split(": ")[1]));
        Assert.False(LoadedContexts.IsLoaded("BadManifestPlugin"));
    }

    [Fact]
    public void ShouldRefuseAWrongSdkWithoutLoadingIt()
    {
        var output = new StringWriter();

        var exit = PluginCommands.Validate(Path.Combine(TestRoot.Built("WrongSdkPlugin"), "calc-plugin.json"), output);

        Assert.Equal(PluginCommands.Invalid, exit);
        Assert.Contains("sdkVersion: the plugin was built against SDK 2.0.0; this Calc runs SDK 1.1.0", output.ToString(), StringComparison.Ordinal);
        Assert.False(LoadedContexts.IsLoaded("WrongSdkPlugin"));
    }

    [Fact]
    public void ShouldListRegistrationProblemsFoundByLoadingThePlugin()
    {
        var folder = _root.Install("GoodPlugin", "good");
        LoadingTests.Rewrite(folder, m => m["operators"]!.AsArray().Add(System.Text.Json.Nodes.JsonNode.Parse("""{"id":"test.extra","kind":"template"}""")));
        var output = new StringWriter();

        var exit = PluginCommands.Validate(folder, output);

        Assert.Equal(PluginCommands.Invalid, exit);
        Assert.Equal(
            $"""
            {folder}: 1 problem:
              {folder}/GoodPlugin.dll: declares template 'test.extra' in its manifest but does not register it
            """,
            output.ToString().TrimEnd());
        Assert.Empty(LoadedContexts.Holding("GoodPlugin", folder));
    }

    [Theory]
    [InlineData]
    [InlineData("validate")]
    [InlineData("remove", "x")]
    public void ShouldRefuseOtherArguments(params string[] args)
    {
        var error = new StringWriter();

        var exit = PluginCommands.Run(args, [_root.Path], TextWriter.Null, error);

        Assert.Equal(PluginCommands.Invalid, exit);
        Assert.Contains("usage: calc plugin list", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldRefuseAPathThatDoesNotExist()
    {
        var output = new StringWriter();
        var missing = Path.Combine(_root.Path, "nothing-here");

        var exit = PluginCommands.Validate(missing, output);

        Assert.Equal(PluginCommands.Invalid, exit);
        Assert.Equal($"{missing}: 1 problem:{Environment.NewLine}  {missing}: no such plugin folder or file", output.ToString().TrimEnd());
    }

    public void Dispose() => _root.Dispose();

    [GeneratedRegex("  +")]
    private static partial Regex Columns();
}
