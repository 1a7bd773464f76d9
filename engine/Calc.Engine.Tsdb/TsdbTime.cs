using System.Globalization;

namespace Calc.Engine.Tsdb;

/// <summary>Times as users type and read them: epoch milliseconds or ISO-8601, shown as ISO-8601 UTC.</summary>
public static class TsdbTime
{
    /// <summary>
    /// Parses epoch milliseconds (<c>1589500800000</c>) or ISO-8601 (<c>2020-05-15T00:00:00Z</c>,
    /// <c>2020-05-15T05:30:00+05:30</c>, <c>2020-05-15</c>); a time without an offset is UTC.
    /// </summary>
    public static bool TryParse(string? text, out long epochMs)
    {
        epochMs = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out epochMs))
        {
            return true;
        }

        // Only the ISO shape (yyyy-MM-dd...), not every culture's way of writing a date.
        if (text.Length < 10 || text[4] != '-' || text[7] != '-' || !char.IsAsciiDigit(text[0]))
        {
            return false;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            epochMs = time.ToUnixTimeMilliseconds();
            return true;
        }

        return false;
    }

    private const long MinEpochMs = -62_135_596_800_000;
    private const long MaxEpochMs = 253_402_300_799_999;

    /// <summary><c>2020-05-15T00:00:00.000Z</c>; a time outside years 1–9999 stays epoch milliseconds.</summary>
    public static string Format(long epochMs) => epochMs is < MinEpochMs or > MaxEpochMs
        ? epochMs.ToString(CultureInfo.InvariantCulture)
        : DateTimeOffset.FromUnixTimeMilliseconds(epochMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
