namespace Calc.Host.Tests;

/// <summary>
/// <c>calc run --trace</c> on the meter of a real PV inverter (the plant fixture's 1BY6WEcLGh8j5v7, TOTAL_YIELD
/// and AC_POWER every 15 minutes): what the energy templates made of each reading, and the day's bucket it fed.
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

    [Fact]
    public void ShouldTraceEachTrapezoidOfInstantPower()
    {
        // AC_POWER 0 (00:15), 3.585714286 (00:30), 26.8625 (00:45), 60.68571429 (01:00), in kW, every 15 min:
        // (3.585714286 + 26.8625) / 2 × 0.25 = 3.80602678575 after (0 + 3.585714286) / 2 × 0.25 = 0.44821428575
        // gives 4.2542410715 for the day; then (26.8625 + 60.68571429) / 2 × 0.25 = 10.94352678625, 15.1977678578 in all.
        const string power = """
            {"id":"power-energy","orgId":"o1","template":"energy-by-instant-power","settings":{"timeZone":"Asia/Kolkata","maxGap":"1h"},
             "policies":[{"input":"inverter::AC_POWER","dailyOutput":"inverter::ENERGY_DAY"}]}
            """;

        var rows = Rows(power, "inverter::AC_POWER", "2020-05-15T00:45:00Z", "2020-05-15T01:00:00Z");

        Assert.Equal(
            [
                "00:45 passed",
                "00:45 state included 3.8060267857500003 for (2020-05-15T00:30:00Z, 2020-05-15T00:45:00Z]: (3.585714286 + 26.8625) / 2 × 0.25 h",
                "00:45 output inverter::ENERGY_DAY @ 2020-05-14T18:30:00Z = 4.2542410715 (Early)",
                "01:00 passed",
                "01:00 state included 10.94352678625 for (2020-05-15T00:45:00Z, 2020-05-15T01:00:00Z]: (26.8625 + 60.68571429) / 2 × 0.25 h",
                "01:00 output inverter::ENERGY_DAY @ 2020-05-14T18:30:00Z = 15.197767857750001 (Early)",
            ],
            rows);
    }

    private static string[] Rows(string slope, string from, string to) =>
        Rows(Job.Replace("SLOPE", slope, StringComparison.Ordinal), "inverter::TOTAL_YIELD", from, to);

    private static string[] Rows(string jobJson, string point, string from, string to)
    {
        var dir = CliRunner.TempDir();
        var job = Path.Combine(dir, "job.json");
        File.WriteAllText(job, jobJson);
        var input = Path.Combine(dir, "in.ndjson");
        File.WriteAllLines(input, File.ReadLines(CliRunner.Fixture("solar-plant1-3days.ndjson")).Where(l => l.Contains($"\"assetId\":\"{Asset}\"", StringComparison.Ordinal)).Take(60));

        var (exit, _, error) = CliRunner.Run("run", job, "--input", input, "--output", Path.Combine(dir, "out.ndjson"),
            "--trace", Asset + ":" + point, "--trace-from", from, "--trace-to", to);

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
