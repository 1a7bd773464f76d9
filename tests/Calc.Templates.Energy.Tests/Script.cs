using System.Globalization;
using Calc.Sdk;
using Calc.Sdk.Testing;

namespace Calc.Templates.Energy.Tests;

/// <summary>
/// Compact text for test tables. Readings: <c>2020-05-15T23:00Z=100; …</c>, where a value <c>bad</c>
/// is a string, a trailing <c>!</c> means quality 1. Outputs: <c>E_DAY@2020-05-15T00:00Z=3; …</c>.
/// Configs use single quotes for JSON strings.
/// </summary>
internal static class Script
{
    public static long Ms(string time) =>
        DateTimeOffset.Parse(time, CultureInfo.InvariantCulture, DateTimeStyles.None).ToUnixTimeMilliseconds();

    public static string Json(string singleQuoted) => singleQuoted.Replace('\'', '"');

    public static OperatorTestDriver Driver(IOperatorFactory factory, string config, DriverOptions? options = null) =>
        new(factory, Json(config), options);

    /// <summary>Sends every reading of <paramref name="readings"/> for one point and asset.</summary>
    public static void Send(OperatorTestDriver driver, string point, string asset, string readings)
    {
        foreach (var item in Items(readings))
        {
            var (time, text) = Split(item, '=');
            var quality = text.EndsWith('!') ? 1 : 0;
            text = text.TrimEnd('!');
            var value = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? PointValue.FromNumber(number)
                : PointValue.FromString(text);
            driver.Send(point, asset, Ms(time), value, quality);
        }
    }

    /// <summary>The expected outputs as (pointId, time) → value.</summary>
    public static Dictionary<(string Point, long Time), double> Expected(string outputs)
    {
        var map = new Dictionary<(string, long), double>();
        foreach (var item in Items(outputs))
        {
            var (key, value) = Split(item, '=');
            var (point, time) = Split(key, '@');
            map[(point, Ms(time))] = double.Parse(value, CultureInfo.InvariantCulture);
        }

        return map;
    }

    /// <summary>The value each (pointId, time) ends with: outputs are upserts, the last one wins.</summary>
    public static Dictionary<(string Point, long Time), double> Final(IEnumerable<PointRecord> outputs)
    {
        var map = new Dictionary<(string, long), double>();
        foreach (var record in outputs)
        {
            map[(record.PointId, record.Time)] = record.Value.Number;
        }

        return map;
    }

    public static void AssertOutputs(string expected, IEnumerable<PointRecord> outputs, double tolerance = 1e-9)
    {
        var want = Expected(expected);
        var got = Final(outputs);
        Assert.Equal(Describe(want.Keys), Describe(got.Keys));
        foreach (var (key, value) in want)
        {
            Assert.True(Math.Abs(got[key] - value) <= tolerance, $"{key.Point}@{Iso(key.Time)}: expected {value}, got {got[key]}");
        }
    }

    /// <summary>Counters given as <c>name=3; …</c> must match; other counters are not checked.</summary>
    public static void AssertCounters(string expected, IReadOnlyDictionary<string, long> counters)
    {
        foreach (var item in Items(expected))
        {
            var (name, value) = Split(item, '=');
            Assert.Equal(long.Parse(value, CultureInfo.InvariantCulture), counters.TryGetValue(name, out var n) ? n : 0);
        }
    }

    public static string Iso(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Describe(IEnumerable<(string Point, long Time)> keys) =>
        string.Join(", ", keys.Order().Select(k => k.Point + "@" + Iso(k.Time)));

    private static IEnumerable<string> Items(string text) =>
        text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static (string, string) Split(string text, char separator)
    {
        var at = text.LastIndexOf(separator);
        return (text[..at].Trim(), text[(at + 1)..].Trim());
    }
}
