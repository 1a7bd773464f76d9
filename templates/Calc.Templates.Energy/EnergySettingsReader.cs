using Calc.Sdk;

namespace Calc.Templates.Energy;

/// <summary>Reads and validates the <c>settings</c> of the energy templates.</summary>
internal static class EnergySettingsReader
{
    private const long DayMs = 86_400_000;
    private static readonly string[] Attributions = ["split", "end"];

    public static EnergySettings? Read(SpecReader settings, EnergyKind kind)
    {
        var before = settings.Problems.Items.Count;
        var zone = ReadTimeZone(settings);
        var detail = settings.Duration("detailInterval");
        if (detail is { } d && (d <= 0 || d >= DayMs))
        {
            settings.Problems.Add(settings.At("detailInterval"), $"'{Duration.Format(d)}' must be longer than 0 and shorter than a day (days are the daily buckets)");
        }

        var attribution = settings.Enum("attribution", Attributions, "split") == "end" ? Attribution.End : Attribution.Split;
        // The meter template has no maxGap: its manifest does not list it, so the engine rejects it as unknown.
        var maxGap = kind == EnergyKind.MeterReading ? null : settings.Duration("maxGap");
        if (maxGap is <= 0)
        {
            settings.Problems.Add(settings.At("maxGap"), "must be longer than 0");
        }

        return settings.Problems.Items.Count > before || zone is null ? null : new EnergySettings(zone, detail, attribution, maxGap);
    }

    private static TimeZoneInfo? ReadTimeZone(SpecReader settings)
    {
        var id = settings.String("timeZone");
        if (id is null)
        {
            return settings.Has("timeZone") ? null : TimeZoneInfo.Utc;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            settings.Problems.Add(settings.At("timeZone"), $"'{id}' is not a known time zone: expected an IANA id like UTC, Europe/Berlin or Asia/Kolkata");
            return null;
        }
    }
}
