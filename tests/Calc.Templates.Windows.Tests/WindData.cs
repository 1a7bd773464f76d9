using System.Globalization;

namespace Calc.Templates.Windows.Tests;

/// <summary>The real wind slice in Fixtures/, read straight from the CSV.</summary>
internal static class WindData
{
    public static IReadOnlyList<(long Time, double Power, double Wind)> Rows { get; } = Load();

    private static List<(long, double, double)> Load()
    {
        var rows = new List<(long, double, double)>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "wind-t1-2018-01-01..03.csv")).Skip(1))
        {
            var cells = line.Split(',');
            var time = DateTime.ParseExact(cells[0], "dd MM yyyy HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            rows.Add((new DateTimeOffset(time, TimeSpan.Zero).ToUnixTimeMilliseconds(), double.Parse(cells[1], CultureInfo.InvariantCulture), double.Parse(cells[2], CultureInfo.InvariantCulture)));
        }

        return rows;
    }
}
