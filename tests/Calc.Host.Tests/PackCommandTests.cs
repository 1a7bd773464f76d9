using System.IO.Compression;

namespace Calc.Host.Tests;

[Collection(DataDirCollection.Name)]
public sealed class PackCommandTests : DataDirTest
{
    private const string Job = """
        {"id":"versioned-job","orgId":"o1","pipeline":[{"op":"test.versioned","params":{"input":"m::IN","output":"m::VERSION"}}]}
        """;

    [Fact]
    public void ShouldListTheBuiltInPackOnFirstRun()
    {
        var (exit, output, _) = CliRunner.Run("pack", "list");

        Assert.Equal(0, exit);
        Assert.Matches(@"calc\.templates\.merging\s+0\.4\.0\s+1\.1\.0\s+yes\s+yes\s+multi-point-merging", output);
        Assert.Matches(@"calc\.templates\.energy\s+.*energy-by-meter-reading, energy-by-instant-power, energy-by-average-power", output);
        Assert.Matches(@"calc\.templates\.windows\s+.*time-window-aggregation", output);
    }

    [Fact]
    public void ShouldListAPluginCopiedByHandIntoThePacksFolder_Apart()
    {
        var folder = Path.Combine(Dir, "data", "packs", "test.versioned", "1.0.0");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(TestPlugin("VersionedPluginV1")))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var (exit, output, _) = CliRunner.Run("pack", "list");

        Assert.Equal(0, exit);
        var apart = output.IndexOf("Also in the plugin roots, not installed with 'calc pack install'", StringComparison.Ordinal);
        Assert.True(apart > 0, output);
        Assert.Matches(@"test\.versioned\s+1\.0\.0\s+1\.0\.0\s+test\.versioned\s+" + System.Text.RegularExpressions.Regex.Escape(folder), output[apart..]);
        Assert.DoesNotContain("test.versioned", output[..apart], StringComparison.Ordinal);
        Assert.DoesNotContain("calc.templates", output[apart..], StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldRunAnInstalledPackAndTheNewerOneAfterAnUpgradeFromAZip()
    {
        var job = Write("job.json", Job);
        var input = Write("in.ndjson", """{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"IN","time":1000,"value":5}""" + "\n");
        var install = CliRunner.Run("pack", "install", TestPlugin("VersionedPluginV1"));
        var v1 = RunVersion(job, input);
        var zip = Path.Combine(Dir, "v2.zip");
        ZipFile.CreateFromDirectory(TestPlugin("VersionedPluginV2"), zip);

        var upgrade = CliRunner.Run("pack", "install", zip);
        var v2 = RunVersion(job, input);
        var list = CliRunner.Run("pack", "list");

        Assert.Equal(0, install.Exit);
        Assert.Contains("pack test.versioned installed 1.0.0 (SDK 1.0.0): test.versioned in ", install.Out, StringComparison.Ordinal);
        Assert.Equal(1.0, v1);
        Assert.Equal(0, upgrade.Exit);
        Assert.Contains("pack test.versioned upgraded from 1.0.0 to 2.0.0", upgrade.Out, StringComparison.Ordinal);
        Assert.Equal(2.0, v2);
        Assert.Matches(@"test\.versioned\s+1\.0\.0\s+1\.0\.0\s+no\s+no\s+test\.versioned", list.Out);
        Assert.Matches(@"test\.versioned\s+2\.0\.0\s+1\.0\.0\s+no\s+yes\s+test\.versioned", list.Out);
    }

    [Fact]
    public void ShouldRefuseAPackForAnotherSdkWithExit2()
    {
        var (exit, _, error) = CliRunner.Run("pack", "install", TestPlugin("WrongSdkPlugin"));

        Assert.Equal(2, exit);
        Assert.Contains("was not installed", error, StringComparison.Ordinal);
        Assert.Contains("sdkVersion: the plugin was built against SDK 2.0.0; this Calc runs SDK 1.1.0", error, StringComparison.Ordinal);
        Assert.DoesNotContain("test.wrong-sdk", CliRunner.Run("pack", "list").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldRefuseRemovalWhileASavedJobUsesThePackThenRemoveItOnceTheJobIsGone()
    {
        CliRunner.Run("pack", "install", TestPlugin("VersionedPluginV1"));
        var save = CliRunner.Run("job", "save", Write("job.json", Job));

        var refused = CliRunner.Run("pack", "remove", "test.versioned");
        var jobRemoved = CliRunner.Run("job", "remove", "versioned-job");
        var removed = CliRunner.Run("pack", "remove", "test.versioned");

        Assert.Equal((0, "job versioned-job version 1\n"), (save.Exit, save.Out.Replace("\r", "", StringComparison.Ordinal)));
        Assert.Equal(2, refused.Exit);
        Assert.Contains("pack test.versioned is in use, not removed: job 'versioned-job' uses test.versioned", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, jobRemoved.Exit);
        Assert.Equal(0, removed.Exit);
        Assert.Contains("removed test.versioned 1.0.0", removed.Out, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Dir, "data", "packs", "test.versioned")));
    }

    [Fact]
    public void ShouldRefuseRemovingTheBuiltInPack()
    {
        var (exit, _, error) = CliRunner.Run("pack", "remove", "calc.templates.merging");

        Assert.Equal(2, exit);
        Assert.Contains("is the built-in pack", error, StringComparison.Ordinal);
    }

    private double RunVersion(string job, string input)
    {
        var output = Path.Combine(Dir, "out.ndjson");
        var (exit, _, error) = CliRunner.Run("run", job, "--input", input, "--output", output);
        Assert.True(exit == 0, error);
        var line = Assert.Single(File.ReadAllLines(output));
        return System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("value").GetDouble();
    }
}
