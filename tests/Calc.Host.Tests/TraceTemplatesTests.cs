namespace Calc.Host.Tests;

/// <summary>
/// The trace lines of the group and merging templates on the real PV plant (22 inverters under PLANT1,
/// AC_POWER and TOTAL_YIELD every 15 minutes): which group window took a member's value, its aggregate and
/// who it waits for; which values a rule was computed from; what a non-trigger record did; a missing reference.
/// </summary>
public sealed class TraceTemplatesTests
{
    private const string Inverter = "1BY6WEcLGh8j5v7";

    private const string Job = """
        {"id":"plant-power","orgId":"o1","pipeline":[
          {"op":"template","template":"asset-group-aggregation",
           "settings":{"groupBy":"parent","window":"1h","latency":"1h","groupModel":"plant"},
           "policies":[{"input":"inverter::AC_POWER","memberAggregation":"avg","groupAggregation":"sum","output":"plant::AC_POWER_1H"}]},
          {"op":"expression","expression":"EXPR","output":"inverter::KW","trigger":"inverter::AC_POWER"}]}
        """;

    [Fact]
    public void ShouldSayWhichGroupWindowTookTheValue_AndWhoItWaitsFor()
    {
        var rows = Rows("${inverter::AC_POWER} / 1000 + ${inverter::TOTAL_YIELD} * 0");

        // At 05:00 this inverter is the first of the plant's 22 to report (the file is in time order, and it
        // joined first); the next three in join order are still at 04:45.
        Assert.Contains(
            "05:00 AC_POWER=431.875 #0 state group PLANT1 window 2020-05-15T05:00:00Z–2020-05-15T06:00:00Z of plant::AC_POWER_1H: "
            + $"{Inverter} avg 431.875 (1 value); 1 of 22 members, sum so far 431.875; waits for 1IF53ai7Xc0U56Y (at 2020-05-15T04:45:00Z), "
            + "3PZuoBAID5Wc2HD (at 2020-05-15T04:45:00Z), 7JYdWkrLSPkdwr4 (at 2020-05-15T04:45:00Z) and 18 more",
            rows);

        // (431.875 + 428.2285714) / 2 = 430.0517857, every member has a 05:00 value by then.
        Assert.Contains(rows, r => r.StartsWith(
            "05:15 AC_POWER=428.2285714 #0 state group PLANT1 window 2020-05-15T05:00:00Z–2020-05-15T06:00:00Z of plant::AC_POWER_1H: "
            + $"{Inverter} avg 430.0517857 (2 values); 22 of 22 members, sum so far ", StringComparison.Ordinal));
    }

    [Fact]
    public void ShouldSayWhichValuesARuleWasComputedFrom_AndWhatACachedRecordWaitsFor()
    {
        var rows = Rows("${inverter::AC_POWER} / 1000 + ${inverter::TOTAL_YIELD} * 0");

        Assert.Equal(
            [
                "05:00 AC_POWER=431.875 #1 passed",
                "05:00 AC_POWER=431.875 #1 state policies[0] (inverter::KW) from inverter::AC_POWER=431.875 (this record), inverter::TOTAL_YIELD=6260866.571 of 2020-05-15T04:45:00Z",
                "05:00 AC_POWER=431.875 #1 output inverter::KW @ 2020-05-15T05:00:00Z = 0.431875 (None)",
                "05:00 TOTAL_YIELD=6260999 #1 passed",
                "05:00 TOTAL_YIELD=6260999 #1 state cached inverter::TOTAL_YIELD=6260999 for policies[0] (inverter::KW) on its trigger inverter::AC_POWER",
            ],
            rows.Where(r => r.Contains(" #1 ", StringComparison.Ordinal) && r.StartsWith("05:00", StringComparison.Ordinal)));
    }

    [Fact]
    public void ShouldNameTheMissingReference()
    {
        var rows = Rows("${inverter::AC_POWER} / ${inverter::DC_POWER}");

        Assert.Contains(
            "05:00 AC_POWER=431.875 #1 skipped skipped.missingReference: policies[0] (inverter::KW) has no value of inverter::DC_POWER for this asset yet, and the asset has no attribute DC_POWER",
            rows);
    }

    [Fact]
    public void ShouldSayWhichRelatedAssetAValueCameFrom_AndWhyOneIsMissing()
    {
        var rows = Rows("${inverter::AC_POWER} / ${sibling.weather::IRRADIATION}");

        // WS1's 05:00 value comes after the inverters' in the file: the 05:00 record reads WS1's 04:45 value.
        Assert.Contains(
            "05:00 AC_POWER=431.875 #1 state policies[0] (inverter::KW) from inverter::AC_POWER=431.875 (this record), sibling.weather::IRRADIATION=0.572283477 of WS1 at 2020-05-15T04:45:00Z",
            rows);

        Assert.Contains(
            "05:00 AC_POWER=431.875 #1 skipped skipped.missingReference: policies[0] (inverter::KW) has no value of sibling.station::IRRADIATION: no other asset of model station is under its parent PLANT1",
            Rows("${inverter::AC_POWER} / ${sibling.station::IRRADIATION}"));
    }

    private static string[] Rows(string expression)
    {
        var dir = CliRunner.TempDir();
        var job = Path.Combine(dir, "job.json");
        File.WriteAllText(job, Job.Replace("EXPR", expression, StringComparison.Ordinal));

        var (exit, _, error) = CliRunner.Run("run", job, "--input", CliRunner.Fixture("solar-plant1-3days.ndjson"), "--assets", CliRunner.Fixture("solar-plant1-assets.json"),
            "--output", Path.Combine(dir, "out.ndjson"), "--trace", Inverter, "--trace-from", "2020-05-15T05:00:00Z", "--trace-to", "2020-05-15T05:15:00Z");

        Assert.True(exit == 0, error);
        return [.. error.Split('\n').Where(l => l.StartsWith("trace ", StringComparison.Ordinal)).Select(Short)];
    }

    // "trace 2020-05-15T05:00:00Z ASSET inverter::AC_POWER=431.875  #0 asset-group-aggregation  state  group …" → "05:00 AC_POWER=431.875 #0 state group …".
    private static string Short(string row)
    {
        var parts = row.TrimEnd('\r').Split("  ", 4);
        var head = parts[0].Split(' ');
        var step = parts[1].Split(' ')[0];
        return $"{head[1][11..16]} {head[3].Split("::")[1]} {step} {parts[2]}{(parts.Length > 3 ? " " + parts[3] : "")}";
    }
}
