namespace Calc.Templates.Energy.Tests;

/// <summary>
/// energy-by-instant-power and energy-by-average-power, SPEC §5.4–5.5. Columns: template, settings,
/// policy, samples of inv::P (kW) of asset I1, final outputs (kWh), counters. UTC unless stated.
/// </summary>
public sealed class PowerCases : TheoryData<string, string, string, string, string, string>
{
    private const string Instant = "energy-by-instant-power";
    private const string Average = "energy-by-average-power";
    private const string Day = "'dailyOutput':'inv::E_DAY'";
    private const string Detail = "'dailyOutput':'inv::E_DAY','detailOutput':'inv::E_15M'";
    private const string WithInvalid = "2020-05-15T10:00Z=10; 2020-05-15T10:15Z=10; 2020-05-15T10:30Z=500; 2020-05-15T10:45Z=10; 2020-05-15T11:00Z=10";

    public PowerCases()
    {
        // Trapezoid (0 + 10) / 2 × 1 h = 5; average power: 10 × 1 h = 10.
        Add(Instant, "{}", Day, "2020-05-15T10:00Z=0; 2020-05-15T11:00Z=10", "E_DAY@2020-05-15T00:00Z=5", "");
        Add(Average, "{}", Day, "2020-05-15T10:00Z=0; 2020-05-15T11:00Z=10", "E_DAY@2020-05-15T00:00Z=10", "");

        // 0 kW at 23:00 to 20 kW at 01:00: the line is 10 kW at midnight. Exact split: (0+10)/2×1 = 5 and
        // (10+20)/2×1 = 15 (in proportion to time it would be 10 and 10). With end: all 20 on the 16th.
        Add(Instant, "{}", Day, "2020-05-15T23:00Z=0; 2020-05-16T01:00Z=20", "E_DAY@2020-05-15T00:00Z=5; E_DAY@2020-05-16T00:00Z=15", "");
        Add(Instant, "{'attribution':'end'}", Day, "2020-05-15T23:00Z=0; 2020-05-16T01:00Z=20", "E_DAY@2020-05-16T00:00Z=20", "");

        // Average power: 20 kW × 2 h = 40, split by time 20 + 20; with end all 40 on the 16th.
        Add(Average, "{}", Day, "2020-05-15T23:00Z=0; 2020-05-16T01:00Z=20", "E_DAY@2020-05-15T00:00Z=20; E_DAY@2020-05-16T00:00Z=20", "");
        Add(Average, "{'attribution':'end'}", Day, "2020-05-15T23:00Z=0; 2020-05-16T01:00Z=20", "E_DAY@2020-05-16T00:00Z=40", "");

        // maxGap 1h: (10:15, 12:00] is 1 h 45 min: excluded; the other two spans 10 × 0.25 = 2.5 each: 5.
        Add(Instant, "{'maxGap':'1h'}", Day, "2020-05-15T10:00Z=10; 2020-05-15T10:15Z=10; 2020-05-15T12:00Z=10; 2020-05-15T12:15Z=10", "E_DAY@2020-05-15T00:00Z=5", "excluded.maxGap=1");
        Add(Average, "{'maxGap':'1h'}", Day, "2020-05-15T10:00Z=10; 2020-05-15T10:15Z=10; 2020-05-15T12:00Z=10; 2020-05-15T12:15Z=10", "E_DAY@2020-05-15T00:00Z=5", "excluded.maxGap=1");

        // Exactly maxGap long is not longer: 10 × 1 h = 10 is included.
        Add(Instant, "{'maxGap':'1h'}", Day, "2020-05-15T10:00Z=10; 2020-05-15T11:00Z=10", "E_DAY@2020-05-15T00:00Z=10", "excluded.maxGap=0");

        // ignore: 500 at 10:30 is outside [0,100]. Instant: the two spans touching it are out: 2.5 + 2.5 = 5.
        // Average: only (10:15, 10:30] needs it: 2.5 × 3 = 7.5.
        Add(Instant, "{}", $"'threshold':'[0,100]',{Day}", WithInvalid, "E_DAY@2020-05-15T00:00Z=5", "excluded.invalidSample=2; filtered.threshold=1");
        Add(Average, "{}", $"'threshold':'[0,100]',{Day}", WithInvalid, "E_DAY@2020-05-15T00:00Z=7.5", "excluded.invalidSample=1; filtered.threshold=1");

        // lastValue: 500 becomes 10, so 10 kW for 1 h = 10 with both templates.
        Add(Instant, "{}", $"'threshold':'[0,100]','interpolation':'lastValue',{Day}", WithInvalid, "E_DAY@2020-05-15T00:00Z=10", "repaired.lastValue=1; excluded.invalidSample=0");
        Add(Average, "{}", $"'threshold':'[0,100]','interpolation':'lastValue',{Day}", WithInvalid, "E_DAY@2020-05-15T00:00Z=10", "repaired.lastValue=1");

        // lastValue with no valid value yet: the first sample stays invalid. Instant: (10:00, 10:15] out, then 2.5.
        // Average: (10:00, 10:15] needs only P2 = 10: 2.5 + 2.5 = 5.
        Add(Instant, "{}", $"'threshold':'[0,100]','interpolation':'lastValue',{Day}", "2020-05-15T10:00Z=500; 2020-05-15T10:15Z=10; 2020-05-15T10:30Z=10",
            "E_DAY@2020-05-15T00:00Z=2.5", "excluded.invalidSample=1");
        Add(Average, "{}", $"'threshold':'[0,100]','interpolation':'lastValue',{Day}", "2020-05-15T10:00Z=500; 2020-05-15T10:15Z=10; 2020-05-15T10:30Z=10",
            "E_DAY@2020-05-15T00:00Z=5", "excluded.invalidSample=0");

        // Bad quality repaired by lastValue: 10 kW throughout, (10 + 10) / 2 × 0.5 h = 5.
        Add(Instant, "{}", $"'interpolation':'lastValue',{Day}", "2020-05-15T10:00Z=10; 2020-05-15T10:15Z=40!; 2020-05-15T10:30Z=10", "E_DAY@2020-05-15T00:00Z=5", "repaired.lastValue=1");

        // The fill obeys maxGap: 500 at 12:00 is 2 h after the last valid value, so it is not repaired
        // (filtered.maxGap); (10:00, 12:00] is out by maxGap, (12:00, 12:15] needs it: out; (12:15, 12:30] = 2.5.
        Add(Instant, "{'maxGap':'1h'}", $"'threshold':'[0,100]','interpolation':'lastValue',{Day}", "2020-05-15T10:00Z=10; 2020-05-15T12:00Z=500; 2020-05-15T12:15Z=10; 2020-05-15T12:30Z=10",
            "E_DAY@2020-05-15T00:00Z=2.5", "excluded.maxGap=1; excluded.invalidSample=1; filtered.maxGap=1");

        // scale 0.001 turns W into kW: (2000 + 4000) / 2 × 1 h × 0.001 = 3 kWh.
        Add(Instant, "{}", $"'scale':0.001,{Day}", "2020-05-15T10:00Z=2000; 2020-05-15T11:00Z=4000", "E_DAY@2020-05-15T00:00Z=3", "");

        // Detail 15m, 0 → 30 kW over 30 min: 15 kW at 10:15. (0+15)/2×0.25 = 1.875 and (15+30)/2×0.25 = 5.625; day 7.5.
        Add(Instant, "{'detailInterval':'15m'}", Detail, "2020-05-15T10:00Z=0; 2020-05-15T10:30Z=30",
            "E_15M@2020-05-15T10:00Z=1.875; E_15M@2020-05-15T10:15Z=5.625; E_DAY@2020-05-15T00:00Z=7.5", "");

        // Same with end: the whole 7.5 in the bucket (10:15, 10:30] that holds 10:30.
        Add(Instant, "{'detailInterval':'15m','attribution':'end'}", Detail, "2020-05-15T10:00Z=0; 2020-05-15T10:30Z=30",
            "E_15M@2020-05-15T10:15Z=7.5; E_DAY@2020-05-15T00:00Z=7.5", "");

        // Average power into detail buckets: 30 kW × 0.5 h = 15, split by time 7.5 + 7.5.
        Add(Average, "{'detailInterval':'15m'}", Detail, "2020-05-15T10:00Z=0; 2020-05-15T10:30Z=30",
            "E_15M@2020-05-15T10:00Z=7.5; E_15M@2020-05-15T10:15Z=7.5; E_DAY@2020-05-15T00:00Z=15", "");

        // Zero power still contributes: the buckets exist with 0.
        Add(Instant, "{'detailInterval':'15m'}", Detail, "2020-05-15T10:00Z=0; 2020-05-15T10:15Z=0", "E_15M@2020-05-15T10:00Z=0; E_DAY@2020-05-15T00:00Z=0", "");

        // A duplicate (10:30 again) and a late sample (10:15) are skipped and do not disturb the span: 10 × 1 h = 10.
        Add(Instant, "{}", Day, "2020-05-15T10:00Z=10; 2020-05-15T10:30Z=10; 2020-05-15T10:30Z=99; 2020-05-15T10:15Z=99; 2020-05-15T11:00Z=10",
            "E_DAY@2020-05-15T00:00Z=10", "filtered.duplicate=1; filtered.late=1");

        // Right-closed: the sample at 00:00 closes the 15th (10 × 1 h); (00:00, 01:00] goes to the 16th.
        Add(Instant, "{}", Day, "2020-05-15T23:00Z=10; 2020-05-16T00:00Z=10; 2020-05-16T01:00Z=10", "E_DAY@2020-05-15T00:00Z=10; E_DAY@2020-05-16T00:00Z=10", "");

        // Europe/Berlin in winter is UTC+1: the 16th starts at 2020-01-15T23:00Z. 22:00Z→00:00Z at 10 kW: 10 + 10.
        Add(Average, "{'timeZone':'Europe/Berlin'}", Day, "2020-01-15T22:00Z=10; 2020-01-16T00:00Z=10", "E_DAY@2020-01-14T23:00Z=10; E_DAY@2020-01-15T23:00Z=10", "");
    }
}
