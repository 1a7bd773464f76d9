using System.Text.Json;

namespace Calc.Host.Tests;

public sealed class RunCommandTests
{
    [Fact]
    public void ShouldComputeTheGoodLinesAndRejectEachBadLineWithItsNumber()
    {
        var dir = CliRunner.TempDir();
        var job = Path.Combine(dir, "job.json");
        File.WriteAllText(job, """{"id":"w","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1d"},"policies":[{"input":"turbine::WindSpeed","aggregation":"count","output":"turbine::N"}]}""");
        var output = Path.Combine(dir, "out.ndjson");

        var (exit, _, error) = CliRunner.Run("run", job, "--input", CliRunner.Fixture("wind-t1-2018-01-01..02.ndjson"), "--output", output);

        Assert.Equal(0, exit);
        var results = File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        // The fixture holds 144 ten-minute rows a day on both days, so 144 wind speeds each day.
        Assert.Equal([144.0, 144.0], results.Select(r => r.GetProperty("value").GetDouble()));
        Assert.Equal([1514764800000, 1514851200000], results.Select(r => r.GetProperty("time").GetInt64()));
        var rejected = File.ReadAllLines(Path.Combine(dir, "out.rejected.ndjson")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([11L, 21L, 31L], rejected.Select(r => r.GetProperty("line").GetInt64()));
        Assert.Equal("missing required field assetId", rejected[0].GetProperty("reason").GetString());
        Assert.Equal("this is not json", rejected[1].GetProperty("raw").GetString());
        Assert.Matches(@"records read\s+867\n", error.Replace("\r", "", StringComparison.Ordinal));
        Assert.Matches(@"rejected\s+3\s", error);
        Assert.Matches(@"outputs\s+2\s", error);
    }

    [Fact]
    public void ShouldWriteRejectedLinesWhereAsked()
    {
        var dir = CliRunner.TempDir();
        var job = Path.Combine(dir, "job.json");
        File.WriteAllText(job, """{"id":"w","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1h"},"policies":[{"input":"turbine::ActivePower","aggregation":"max","output":"turbine::PMAX"}]}""");
        var rejected = Path.Combine(dir, "rej.ndjson");

        var (exit, _, _) = CliRunner.Run("run", job, "--input", CliRunner.Fixture("wind-t1-2018-01-01..02.ndjson"), "--output", Path.Combine(dir, "o.ndjson"), "--rejected", rejected);

        Assert.Equal(0, exit);
        Assert.Equal(3, File.ReadAllLines(rejected).Length);
    }

    [Fact]
    public void ShouldExit2WithoutRunningWhenTheJobIsInvalid()
    {
        var dir = CliRunner.TempDir();
        var job = Path.Combine(dir, "job.json");
        File.WriteAllText(job, """{"id":"w","orgId":"o1","template":"time-window-aggregation","settings":{},"policies":[{"input":"turbine::ActivePower","aggregation":"max","output":"turbine::PMAX"}]}""");
        var output = Path.Combine(dir, "o.ndjson");

        var (exit, _, error) = CliRunner.Run("run", job, "--input", CliRunner.Fixture("wind-t1-2018-01-01..02.ndjson"), "--output", output);

        Assert.Equal(2, exit);
        Assert.Contains("settings.window: required", error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }
}
