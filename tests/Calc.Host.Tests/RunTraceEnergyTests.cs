namespace Calc.Host.Tests;

/// <summary>
/// <c>calc run --trace</c> on the meter of a real PV inverter (the plant fixture's 1BY6WEcLGh8j5v7, TOTAL_YIELD
/// every 15 minutes): what <c>energy-by-meter-reading</c> made of each reading, and the day's bucket it fed.
/// </summary>
public sealed class RunTraceEnergyTests
{
    private const string Asset = "1BY6WEcLGh8j5v7";

    private const string Job = """
        {"id":"meter-energy","orgId":"o1","template":"energy-by-meter-reading","settings":{"timeZone":"Asia/Kolkata"},
         "policies":[{"input":"inverter::TOTAL_YIELD","slope":"[0,SLOPE]","dailyOutput":"inverter::ENERGY_DAY"}]}
        """;

    [Fact]
    public void ShouldTraceTheAnchorTheIncludedEnergyAndTheDaysBucket()
    {
        // The meter stood at 6259559 from 18:30 (the day's start in Kolkata) to 00:30 UTC, then read
        // 6259561.625 at 00:45 (+2.625 over 6.25 h since the anchor: 0.42/h) and 6259572.286 at 01:00
        // (+10.661 in 15 min: 42.644/h); the day's energy is 2.625, then 2.625 + 10.661 = 13.286.
        var rows = Rows("2000", "2020-05-15T00:30:00Z", "2020-05-15T01:00:00Z");

        Assert.Equal(
            [
                "00:30 passed",
                "00:30 state unchanged since 2020-05-14T18:30:00Z: no energy",
                "00:45 passed",
                "00:45 state included 2.625 for (2020-05-15T00:30:00Z, 2020-05-15T00:45:00Z]: 6259559 → 6259561.625 since 2020-05-14T18:30:00Z is 0.42/h, inside slope [0,2000]",
                "00:45 output inverter::ENERGY_DAY @ 2020-05-14T18:30:00Z = 2.625 (Early)",
                "01:00 passed",
                "01:00 state included 10.661000000312924 for (2020-05-15T00:45:00Z, 2020-05-15T01:00:00Z]: 6259561.625 → 6259572.286 since 2020-05-15T00:45:00Z is 42.6440000012517/h, inside slope [0,2000]",
                "01:00 output inverter::ENERGY_DAY @ 2020-05-14T18:30:00Z = 13.286000000312924 (Early)",
            ],
            rows);
    }

    [Fact]
    public void ShouldSayWhyAChangeIsExcluded()
    {
        var rows = Rows("40", "2020-05-15T01:00:00Z", "2020-05-15T01:00:00Z");

        Assert.Equal(["01:00 excluded excluded.slope: 6259561.625 → 6259572.286 since 2020-05-15T00:45:00Z is 42.6440000012517/h, outside slope [0,40]; the anchor moves to 6259572.286"], rows);
    }

    private static string[] Rows(string slope, string from, string to)
    {
        var dir = CliRunner.TempDir();
        var job = Path.Combine(dir, "job.json");
        File.WriteAllText(job, Job.Replace("SLOPE", slope, StringComparison.Ordinal));
        var input = Path.Combine(dir, "in.ndjson");
        File.WriteAllLines(input, File.ReadLines(CliRunner.Fixture("solar-plant1-3days.ndjson")).Where(l => l.Contains($"\"assetId\":\"{Asset}\"", StringComparison.Ordinal)).Take(60));

        var (exit, _, error) = CliRunner.Run("run", job, "--input", input, "--output", Path.Combine(dir, "out.ndjson"),
            "--trace", Asset + ":inverter::TOTAL_YIELD", "--trace-from", from, "--trace-to", to);

        Assert.True(exit == 0, error);
        return [.. error.Split('\n').Where(l => l.StartsWith("trace ", StringComparison.Ordinal)).Select(Short)];
    }

    // "trace 2020-05-15T00:45:00Z ASSET POINT=VALUE  #0 energy-by-meter-reading  state  included …" → "00:45 state included …".
    private static string Short(string row)
    {
        var parts = row.TrimEnd('\r').Split("  ", 4);
        var time = parts[0].Split(' ')[1][11..16];
        return (time + " " + parts[2] + (parts.Length > 3 ? " " + parts[3] : "")).TrimEnd();
    }
}
