using System.Text.Json;

namespace Calc.Host.Tests;

/// <summary><c>calc run</c> on the minimal reproductions: released and derived records are never late merely because of the lane's order.</summary>
public sealed class RunDerivedEventTimeTests
{
    private const long Day = 86_400_000;
    private const long Hour = 3_600_000;
    private const long Minute = 60_000;

    [Theory]
    [InlineData("0s")]
    [InlineData("1h")]
    public void ShouldAverageTheLinearRepairIntoItsWindow(string latency)
    {
        var results = Run(
            $$"""
            {"id":"w","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1h","latency":"{{latency}}"},
             "policies":[{"input":"m::P","threshold":"(0,+inf)","interpolation":"linear","maxGap":"40m","aggregation":"avg","output":"m::P_1H"}]}
            """,
            [((7 * Hour) + (30 * Minute), 10), ((7 * Hour) + (40 * Minute), 0), ((7 * Hour) + (50 * Minute), 0), (8 * Hour, 40)],
            out var error);

        var window = results.Where(r => r.GetProperty("time").GetInt64() == 7 * Hour).ToList();
        Assert.Equal([(20.0, "onTime")], window.Select(r => (r.GetProperty("value").GetDouble(), r.GetProperty("attr").GetProperty("calMode").GetString())));
        Assert.DoesNotContain("tooLate", error, StringComparison.Ordinal);
        Assert.Matches(@"processed\s+4\s", error);
    }

    [Fact]
    public void ShouldKeepTheLastHourInTheDay()
    {
        var results = Run(
            """
            {"id":"p","orgId":"o1","pipeline":[
              {"op":"template","template":"time-window-aggregation","settings":{"window":"1h"},"policies":[{"input":"m::P","aggregation":"avg","output":"m::P_1H"}]},
              {"op":"template","template":"time-window-aggregation","settings":{"window":"1d"},"policies":[{"input":"m::P_1H","aggregation":"sum","output":"m::P_1D"}]}]}
            """,
            [((22 * Hour) + (30 * Minute), 1), ((23 * Hour) + (30 * Minute), 2), (Day + (30 * Minute), 4)],
            out var error);

        var days = results.Where(r => r.GetProperty("pointId").GetString() == "P_1D").Select(r => (r.GetProperty("time").GetInt64(), r.GetProperty("value").GetDouble())).ToList();
        Assert.Equal([(0L, 3.0), (Day, 4.0)], days);
        Assert.DoesNotContain("tooLate", error, StringComparison.Ordinal);
    }

    private static List<JsonElement> Run(string jobJson, (long Time, double Value)[] points, out string error)
    {
        var dir = CliRunner.TempDir();
        var job = Path.Combine(dir, "job.json");
        File.WriteAllText(job, jobJson);
        var input = Path.Combine(dir, "in.ndjson");
        File.WriteAllLines(input, points.Select(p => $$"""{"orgId":"o1","modelId":"m","assetId":"A","pointId":"P","time":{{p.Time}},"value":{{p.Value}}}"""));
        var output = Path.Combine(dir, "out.ndjson");
        var (exit, _, err) = CliRunner.Run("run", job, "--input", input, "--output", output);
        error = err;
        Assert.True(exit == 0, err);
        return [.. File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement)];
    }
}
