namespace Calc.Templates.Energy.Tests;

/// <summary>
/// energy-by-meter-reading, SPEC §5.3. Columns: settings, policy, readings of meter::E of asset M1,
/// the final outputs, counters, attributes of M1. Times are UTC unless the zone says otherwise.
/// </summary>
public sealed class MeterReadingCases : TheoryData<string, string, string, string, string, string>
{
    private const string Day = "'dailyOutput':'meter::E_DAY'";

    public MeterReadingCases()
    {
        // 1000→1010 in 2 h = 5/h: in. 1010→0 is negative: out, anchor (0, 12:00). 0→6 in 2 h = 3/h: in. 10 + 6 = 16.
        Add("{}", $"'slope':'[0,100]',{Day}", "2020-05-15T08:00Z=1000; 2020-05-15T10:00Z=1010; 2020-05-15T12:00Z=0; 2020-05-15T14:00Z=6",
            "E_DAY@2020-05-15T00:00Z=16", "excluded.slope=1", "");

        // Replaced by a meter reading 90000: 84996/h is out. 5000→5004 = 4, 90000→90003 = 3: 7.
        Add("{}", $"'slope':'[0,100]',{Day}", "2020-05-15T08:00Z=5000; 2020-05-15T09:00Z=5004; 2020-05-15T10:00Z=90000; 2020-05-15T11:00Z=90003",
            "E_DAY@2020-05-15T00:00Z=7", "excluded.slope=1", "");

        // Spike 9999 between 101 and 102: up (9898/h) and back down (negative) are both out; 1 + 1 = 2.
        Add("{}", $"'slope':'[0,10]',{Day}", "2020-05-15T08:00Z=100; 2020-05-15T09:00Z=101; 2020-05-15T10:00Z=9999; 2020-05-15T11:00Z=102; 2020-05-15T12:00Z=103",
            "E_DAY@2020-05-15T00:00Z=2", "excluded.slope=2", "");

        // A second 09:00 (value 150) is a duplicate, 08:30 is late: both skipped. 100→102→105 = 5.
        Add("{}", Day, "2020-05-15T08:00Z=100; 2020-05-15T09:00Z=102; 2020-05-15T09:00Z=150; 2020-05-15T08:30Z=101; 2020-05-15T10:00Z=105",
            "E_DAY@2020-05-15T00:00Z=5", "filtered.duplicate=1; filtered.late=1", "");

        // Flat overnight: the anchor stays at 20:00, so 100→103 at 07:00 is 3 kWh over 11 h = 0.27/h, inside [0,1]
        // (from the previous reading it would be 3/h, outside). It goes to (06:00, 07:00] on the 16th; the 15th has no output.
        Add("{}", $"'slope':'[0,1]',{Day}", "2020-05-15T20:00Z=100; 2020-05-15T22:00Z=100; 2020-05-16T02:00Z=100; 2020-05-16T06:00Z=100; 2020-05-16T07:00Z=103",
            "E_DAY@2020-05-16T00:00Z=3", "excluded.slope=0", "");

        // (22:00, 02:00] carries 8 over 4 h: split 2 h / 2 h = 4 + 4.
        Add("{}", Day, "2020-05-15T22:00Z=100; 2020-05-16T02:00Z=108",
            "E_DAY@2020-05-15T00:00Z=4; E_DAY@2020-05-16T00:00Z=4", "", "");

        // The same with attribution end: all 8 in the day holding 02:00; the 15th gets nothing.
        Add("{'attribution':'end'}", Day, "2020-05-15T22:00Z=100; 2020-05-16T02:00Z=108",
            "E_DAY@2020-05-16T00:00Z=8", "", "");

        // 48 h from noon to noon of the day after next: 12 h, 24 h, 12 h of 48 kWh.
        Add("{}", Day, "2020-05-15T12:00Z=0; 2020-05-17T12:00Z=48",
            "E_DAY@2020-05-15T00:00Z=12; E_DAY@2020-05-16T00:00Z=24; E_DAY@2020-05-17T00:00Z=12", "", "");

        // Right-closed: the reading at 00:00 belongs to the 15th (2); 00:00→01:00 (3) to the 16th.
        Add("{}", Day, "2020-05-15T22:00Z=100; 2020-05-16T00:00Z=102; 2020-05-16T01:00Z=105",
            "E_DAY@2020-05-15T00:00Z=2; E_DAY@2020-05-16T00:00Z=3", "", "");

        // Europe/Berlin in winter (UTC+1): 23:00Z is local 00:00 of the 16th, so that reading closes the 15th (2);
        // the 16th (stamped 2020-01-15T23:00Z) gets 00:00Z - 23:00Z (3).
        Add("{'timeZone':'Europe/Berlin'}", Day, "2020-01-15T22:00Z=100; 2020-01-15T23:00Z=102; 2020-01-16T00:00Z=105",
            "E_DAY@2020-01-14T23:00Z=2; E_DAY@2020-01-15T23:00Z=3", "", "");

        // Asia/Kolkata (UTC+05:30): local midnight of the 16th is 2020-05-15T18:30Z. 18:00Z→19:00Z carries 2,
        // split 30 min / 30 min = 1 + 1; day outputs are stamped at local midnight.
        Add("{'timeZone':'Asia/Kolkata'}", Day, "2020-05-15T18:00Z=10; 2020-05-15T19:00Z=12",
            "E_DAY@2020-05-14T18:30Z=1; E_DAY@2020-05-15T18:30Z=1", "", "");

        // slope from attribute maxRate = 10: the spike is out as with [0,10] (1 + 1 = 2).
        Add("{}", $"'slope':{{'attribute':'maxRate'}},{Day}", "2020-05-15T08:00Z=100; 2020-05-15T09:00Z=101; 2020-05-15T10:00Z=9999; 2020-05-15T11:00Z=102; 2020-05-15T12:00Z=103",
            "E_DAY@2020-05-15T00:00Z=2", "excluded.slope=2", "maxRate=10");

        // Attribute missing: the upper bound is unlimited (lower stays 0): 1 + 9898 + (negative: out) + 1 = 9900.
        Add("{}", $"'slope':{{'attribute':'maxRate'}},{Day}", "2020-05-15T08:00Z=100; 2020-05-15T09:00Z=101; 2020-05-15T10:00Z=9999; 2020-05-15T11:00Z=102; 2020-05-15T12:00Z=103",
            "E_DAY@2020-05-15T00:00Z=9900", "excluded.slope=1", "");

        // Attribute not a number: treated as missing (9900 as above).
        Add("{}", $"'slope':{{'attribute':'maxRate'}},{Day}", "2020-05-15T08:00Z=100; 2020-05-15T09:00Z=101; 2020-05-15T10:00Z=9999; 2020-05-15T11:00Z=102; 2020-05-15T12:00Z=103",
            "E_DAY@2020-05-15T00:00Z=9900", "excluded.slope=1", "maxRate=fast");

        // scale 2.5: (104 - 100) × 2.5 = 10.
        Add("{}", $"'scale':2.5,{Day}", "2020-05-15T08:00Z=100; 2020-05-15T09:00Z=104", "E_DAY@2020-05-15T00:00Z=10", "", "");

        // scale from attribute ct = 40: 1.5 × 40 = 60.
        Add("{}", $"'scale':{{'attribute':'ct'}},{Day}", "2020-05-15T08:00Z=100; 2020-05-15T09:00Z=101.5", "E_DAY@2020-05-15T00:00Z=60", "", "ct=40");

        // scale attribute missing: 1, so 1.5.
        Add("{}", $"'scale':{{'attribute':'ct'}},{Day}", "2020-05-15T08:00Z=100; 2020-05-15T09:00Z=101.5", "E_DAY@2020-05-15T00:00Z=1.5", "", "");

        // Detail 15m: (10:00, 10:20] carries 4 → 3 in 10:00–10:15, 1 in 10:15–10:20; (10:20, 10:30] carries 2 → 10:15 bucket 3.
        Add("{'detailInterval':'15m'}", $"{Day},'detailOutput':'meter::E_15M'", "2020-05-15T10:00Z=100; 2020-05-15T10:20Z=104; 2020-05-15T10:30Z=106",
            "E_15M@2020-05-15T10:00Z=3; E_15M@2020-05-15T10:15Z=3; E_DAY@2020-05-15T00:00Z=6", "", "");

        // Detail with attribution end: (10:00, 10:20] all in (10:15, 10:30]; (10:20, 10:30] too: 6.
        Add("{'detailInterval':'15m','attribution':'end'}", "'detailOutput':'meter::E_15M'", "2020-05-15T10:00Z=100; 2020-05-15T10:20Z=104; 2020-05-15T10:30Z=106",
            "E_15M@2020-05-15T10:15Z=6", "", "");

        // A string and a bad-quality reading are counted and skipped (they do not advance): (08:00, 10:00] carries 4.
        Add("{}", Day, "2020-05-15T08:00Z=100; 2020-05-15T09:00Z=bad; 2020-05-15T09:30Z=500!; 2020-05-15T10:00Z=104",
            "E_DAY@2020-05-15T00:00Z=4", "filtered.nonNumeric=1; filtered.quality=1", "");

        // The first reading only anchors: a single reading gives no output.
        Add("{}", Day, "2020-05-15T08:00Z=100", "", "", "");
    }
}
