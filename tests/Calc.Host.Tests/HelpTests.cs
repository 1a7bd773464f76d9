namespace Calc.Host.Tests;

public sealed class HelpTests
{
    [Fact]
    public void ShouldPrintTheRunUsage_ForRunDashDashHelp_WithoutRunningAnything()
    {
        var (exit, output, error) = CliRunner.Run("run", "--help");

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        Assert.StartsWith("Usage: calc run …\n", output, StringComparison.Ordinal);
        Assert.Contains("--bootstrap-servers HOST:PORT", output, StringComparison.Ordinal);
        Assert.Contains("[--state [redis://HOST:PORT]]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("sink tsdb", output, StringComparison.Ordinal);
        Assert.DoesNotContain("pack install", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldPrintEveryStateSubcommand_ForStateDashH()
    {
        var (exit, output, _) = CliRunner.Run("state", "get", "-h");

        Assert.Equal(0, exit);
        Assert.Contains("state get --job ID", output, StringComparison.Ordinal);
        Assert.Contains("state delete --job ID", output, StringComparison.Ordinal);
        Assert.Contains("refused while the job runs", output, StringComparison.Ordinal);
        Assert.DoesNotContain("  run JOB.json", output, StringComparison.Ordinal);
    }
}
