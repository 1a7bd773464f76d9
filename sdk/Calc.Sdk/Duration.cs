using System.Globalization;

namespace Calc.Sdk;

/// <summary>Durations as jobs write them: <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>, <c>1d</c>.</summary>
public static class Duration
{
    /// <summary>Parses a duration strictly: a positive or zero whole number followed by one unit.</summary>
    /// <returns>The duration in milliseconds, or null with <paramref name="error"/> set.</returns>
    public static long? TryParse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "expected a duration like 500ms, 30s, 5m, 1h or 1d";
            return null;
        }

        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        var unit = text[digits..];
        long factor = unit switch
        {
            "ms" => 1,
            "s" => 1_000,
            "m" => 60_000,
            "h" => 3_600_000,
            "d" => 86_400_000,
            _ => 0,
        };
        if (digits == 0 || factor == 0
            || !long.TryParse(text.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            || amount > long.MaxValue / factor)
        {
            error = $"'{text}' is not a duration: expected a whole number and a unit (ms, s, m, h, d), like 500ms, 30s, 5m, 1h or 1d";
            return null;
        }

        return amount * factor;
    }

    /// <summary>Formats milliseconds back into the shortest exact form.</summary>
    public static string Format(long milliseconds)
    {
        foreach (var (unit, size) in Units)
        {
            if (milliseconds != 0 && milliseconds % size == 0)
            {
                return (milliseconds / size).ToString(CultureInfo.InvariantCulture) + unit;
            }
        }

        return milliseconds.ToString(CultureInfo.InvariantCulture) + "ms";
    }

    private static readonly (string Unit, long Size)[] Units =
        [("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1_000), ("ms", 1)];
}
