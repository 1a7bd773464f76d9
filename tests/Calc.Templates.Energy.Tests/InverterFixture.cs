using System.Globalization;

namespace Calc.Templates.Energy.Tests;

/// <summary>
/// Fixtures/inverter-1BY6WEcLGh8j5v7.csv: one real PV inverter, 15-minute rows, 2020-05-15 .. 2020-05-25,
/// plant time Asia/Kolkata (UTC+05:30).
/// </summary>
internal static class InverterFixture
{
    public const string AssetId = "1BY6WEcLGh8j5v7";
    private const long SlotMs = 900_000;

    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

    public static IReadOnlyList<Row> Rows { get; } = Load();

    /// <summary>The inverter's own energy of each local day: its last DAILY_YIELD reading of that day.</summary>
    public static Dictionary<DateOnly, double> EndOfDayYield() =>
        Rows.GroupBy(r => r.Day).ToDictionary(g => g.Key, g => g.Last().DailyYield);

    /// <summary>
    /// Days without a gap: the day has a zero-power reading before its first non-zero AC_POWER reading and
    /// one after its last, and no 15-minute slot is missing between those two zero readings. Production
    /// is then fully observed inside the day, so no meter or power span with energy crosses midnight.
    /// </summary>
    public static List<DateOnly> GapFreeDays()
    {
        var days = new List<DateOnly>();
        foreach (var day in Rows.GroupBy(r => r.Day))
        {
            var rows = day.ToList();
            var first = rows.FindIndex(r => r.AcPower > 0);
            var last = rows.FindLastIndex(r => r.AcPower > 0);
            if (first <= 0 || last < 0 || last == rows.Count - 1)
            {
                continue;
            }

            var complete = true;
            for (var i = first; i <= last + 1; i++)
            {
                complete &= rows[i].Time - rows[i - 1].Time == SlotMs;
            }

            if (complete)
            {
                days.Add(day.Key);
            }
        }

        return days;
    }

    /// <summary>Local midnight of <paramref name="day"/> as epoch ms: the time stamp of its daily output.</summary>
    public static long Midnight(DateOnly day) =>
        new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), Zone)).ToUnixTimeMilliseconds();

    private static List<Row> Load()
    {
        var rows = new List<Row>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "inverter-1BY6WEcLGh8j5v7.csv")).Skip(1))
        {
            var f = line.Split(',');
            var local = DateTime.ParseExact(f[0], "dd-MM-yyyy HH:mm", CultureInfo.InvariantCulture);
            var time = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Zone)).ToUnixTimeMilliseconds();
            rows.Add(new Row(DateOnly.FromDateTime(local), time, Number(f[1]), Number(f[2]), Number(f[3])));
        }

        return rows;
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    internal sealed record Row(DateOnly Day, long Time, double AcPower, double DailyYield, double TotalYield);
}
