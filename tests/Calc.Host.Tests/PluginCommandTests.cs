using System.Text.RegularExpressions;
using Calc.Host.Commands;

namespace Calc.Host.Tests;

/// <summary><c>calc plugin list</c> and <c>calc plugin validate</c>, as printed.</summary>
public sealed partial class PluginCommandTests : IDisposable
{
    private readonly string _root = CliRunner.TempDir();

    [Fact]
    public void ShouldListEveryInstalledVersionWithItsStateOperatorsFolderAndProblems()
    {
        var v1 = Install("VersionedPluginV1", "test.versioned/1.0.0");
        var v2 = Install("VersionedPluginV2", "test.versioned/2.0.0");
        var wrong = Install("WrongSdkPlugin", "test.wrong-sdk/1.0.0");
        var output = new StringWriter();

        var exit = PluginCli.List([_root], output);

        Assert.Equal(0, exit);
        var lines = output.ToString().TrimEnd().Split(Environment.NewLine);
        Assert.Equal($"Plugin roots: {_root}", lines[0]);
        Assert.Equal(
            [
                ["ID", "VERSION", "SDK", "STATE", "OPERATORS", "FOLDER"],
                ["test.versioned", "2.0.0", "1.0.0", "active", "test.versioned", v2],
                ["test.versioned", "1.0.0", "1.0.0", "inactive", "test.versioned", v1],
                ["test.wrong-sdk", "1.0.0", "2.0.0", "failed", "test.wrong-sdk", wrong],
            ],
            lines[1..5].Select(l => Columns().Split(l)));
        Assert.Equal($"    problem: {wrong}/calc-plugin.json: sdkVersion: the plugin was built against SDK 2.0.0; this Calc runs SDK 1.1.0 (major versions must match)", lines[5]);
        Assert.Equal(6, lines.Length);
    }

    [Fact]
    public void ShouldSaySoWhenNothingIsInstalled()
    {
        var output = new StringWriter();

        var exit = PluginCli.List([Path.Combine(_root, "none")], output);

        Assert.Equal(0, exit);
        Assert.Equal($"Plugin roots: {_root}/none (missing){Environment.NewLine}No plugins installed.", output.ToString().Trim());
    }

    [Fact]
    public void ShouldPrintAValidPluginWithWhatItRegisters()
    {
        var folder = Install("VersionedPluginV1", "v1");
        var output = new StringWriter();

        var exit = PluginCli.Validate(Path.Combine(folder, "calc-plugin.json"), output);

        Assert.Equal(0, exit);
        var lines = output.ToString().TrimEnd().Split(Environment.NewLine);
        Assert.StartsWith($"{folder}: ok — plugin test.versioned 1.0.0 (SDK 1.0.0, this Calc runs SDK 1.1.0), entry ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("  operator test.versioned: ", lines[1], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public void ShouldPrintEveryProblemAndExitTwo()
    {
        var missing = Path.Combine(_root, "nothing-here");
        var output = new StringWriter();

        var exit = PluginCli.Validate(missing, output);

        Assert.Equal(2, exit);
        Assert.Equal($"{missing}: 1 problem:{Environment.NewLine}  {missing}: no such plugin folder or file", output.ToString().TrimEnd());
    }

    [Theory]
    [InlineData]
    [InlineData("validate")]
    [InlineData("remove", "x")]
    public void ShouldRefuseOtherArguments(params string[] args)
    {
        var error = new StringWriter();

        var exit = PluginCli.Run(args, [_root], new ConsoleIo(TextReader.Null, TextWriter.Null, error));

        Assert.Equal(2, exit);
        Assert.Contains("usage: calc plugin list", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Install(string project, string relative)
    {
        var folder = Path.Combine(_root, relative);
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestPlugins", project)))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return folder;
    }

    [GeneratedRegex("  +")]
    private static partial Regex Columns();
}
