using System.Text.Json;

namespace Calc.Host.Tests;

/// <summary>
/// Only a JSON number is numeric: a boolean or a string such as "7" is invalid for windows and energy,
/// counted as <c>filtered.nonNumeric</c>, never read as 1/0 or parsed.
/// </summary>
public sealed class NonNumericValueRegressionTests
{
    [Fact]
    public void ShouldLeaveABooleanOutOfAWindow()
    {
        // P@00:10=12, P@00:20=true, P@00:30="7": only the 12 is a number.
        string[] points = [Point(600_000, "12"), Point(1_200_000, "true"), Point(1_800_000, "\"7\"")];
        var (count, error) = Run(Window("count"), points);
        var (sum, _) = Run(Window("sum"), points);

        Assert.Equal(1.0, count.Single().GetProperty("value").GetDouble());
        Assert.Equal(12.0, sum.Single().GetProperty("value").GetDouble());
        Assert.Matches(@"filtered\.nonNumeric\s+2\b", error);
    }

    private static string Window(string aggregation) =>
        $$"""{"id":"w","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1h"},"policies":[{"input":"m::P","aggregation":"{{aggregation}}","output":"m::OUT"}]}""";

    [Fact]
    public void ShouldNotReadABooleanMeterReadingAsAReset()
    {
        // 100 → true → 104 within [0,100]/h: the boolean is skipped, so the change 100 → 104 (4) is included.
        var (results, error) = Run(
            """{"id":"e","orgId":"o1","template":"energy-by-meter-reading","settings":{},"policies":[{"input":"m::E","slope":"[0,100]","dailyOutput":"m::DAY"}]}""",
            Point(3_600_000, "100", "E"), Point(7_200_000, "true", "E"), Point(10_800_000, "104", "E"));

        var day = results.Last(r => r.GetProperty("pointId").GetString() == "DAY");
        Assert.Equal(4.0, day.GetProperty("value").GetDouble());
        Assert.Matches(@"filtered\.nonNumeric\s+1\b", error);
    }

    [Fact]
    public void ShouldRejectARecordCarryingNaN()
    {
        var (results, error) = Run(
            """{"id":"w","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1h"},"policies":[{"input":"m::P","aggregation":"sum","output":"m::S"}]}""",
            Point(600_000, "12"), Point(1_200_000, "NaN"));

        Assert.Equal(12.0, results.Single().GetProperty("value").GetDouble());
        Assert.Matches(@"rejected\s+1\s", error);
    }

    private static string Point(long time, string value, string point = "P") =>
        $$"""{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"{{point}}","time":{{time}},"value":{{value}}}""";

    private static (List<JsonElement> Results, string Error) Run(string job, params string[] lines)
    {
        var dir = CliRunner.TempDir();
        var jobPath = Path.Combine(dir, "job.json");
        File.WriteAllText(jobPath, job);
        var input = Path.Combine(dir, "in.ndjson");
        File.WriteAllLines(input, lines);
        var output = Path.Combine(dir, "out.ndjson");
        var (exit, _, error) = CliRunner.Run("run", jobPath, "--input", input, "--output", output);
        Assert.True(exit == 0, error);
        return (File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement).ToList(), error);
    }
}
