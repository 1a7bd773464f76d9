using System.Text.Json;
using Calc.Engine.Jobs;
using Calc.Engine.Runtime;

namespace Calc.Engine.Hosting.Runtime;

/// <summary>
/// Where a replay's operator state restarts: the start of the day that contains the requested time, in UTC
/// and in every time zone the job names (a <c>timeZone</c> of its settings or of a pipeline step, such as an
/// energy job's local days), whichever is earliest. Windows of a day or less that divide the day, and daily
/// outputs, then start at that instant with all their records, so every output from there on is recomputed
/// from complete input; outputs before it are left as they are.
/// </summary>
internal static class ReplayStart
{
    private const long DayMs = 86_400_000;

    /// <summary>The restart instant (epoch ms) for a replay asked for <paramref name="timeMs"/>.</summary>
    /// <param name="zones">The time zones that decided it (UTC first), for the explanation printed to the user.</param>
    public static long For(JobDefinition job, long timeMs, out IReadOnlyList<TimeZoneInfo> zones)
    {
        ArgumentNullException.ThrowIfNull(job);
        var found = new List<TimeZoneInfo> { TimeZoneInfo.Utc };
        foreach (var id in ZoneIds(job))
        {
            if (TryFind(id) is { } zone && !found.Exists(z => z.Id == zone.Id))
            {
                found.Add(zone);
            }
        }

        zones = found;
        var start = long.MaxValue;
        foreach (var zone in found)
        {
            start = Math.Min(start, DayStart(zone, timeMs));
        }

        return start;
    }

    /// <summary>The instant (epoch ms) the local day of <paramref name="zone"/> containing <paramref name="timeMs"/> begins.</summary>
    public static long DayStart(TimeZoneInfo zone, long timeMs)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (zone == TimeZoneInfo.Utc)
        {
            return Math.DivRem(timeMs, DayMs, out var rest) * DayMs - (rest < 0 ? DayMs : 0);
        }

        var utc = DateTime.UnixEpoch.AddMilliseconds(timeMs);
        var midnight = TimeZoneInfo.ConvertTimeFromUtc(utc, zone).Date;
        // A midnight skipped by a daylight-saving change: the day starts at the first valid local time after it.
        while (zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddMinutes(15);
        }

        var offset = zone.IsAmbiguousTime(midnight) ? zone.GetAmbiguousTimeOffsets(midnight).Max() : zone.GetUtcOffset(midnight);
        return (long)(midnight - offset - DateTime.UnixEpoch).TotalMilliseconds;
    }

    /// <summary>
    /// The outputs whose windows can begin before <paramref name="restartMs"/> and hold records after it: those that
    /// cover more than a day, or a span that does not divide the day (as their operators' <c>SourceOf</c> says), named
    /// with their step. During the replay their outputs dated before the restart are not written; a later run that
    /// continues the replay's checkpoint (after <c>--to</c>) would write them from part of their records.
    /// </summary>
    public static IReadOnlyList<string> Straddling(CompiledJob job, long restartMs)
    {
        ArgumentNullException.ThrowIfNull(job);
        var found = new List<string>();
        foreach (var step in job.Steps)
        {
            foreach (var output in step.Definition.Outputs)
            {
                if (step.Definition.SourceOf(output, restartMs) is { } range && !FitsTheDay(range.To - range.From))
                {
                    found.Add($"{step.Path} ({step.OperatorId}) {output}: {TimeSpan.FromMilliseconds(range.To - range.From + 1)}");
                }
            }
        }

        return found;
    }

    /// <summary>A span (ms, end inclusive or exclusive) of at most a day that divides it, or a day (23 to 25 hours across a clock change).</summary>
    private static bool FitsTheDay(long span)
    {
        const long hour = 3_600_000;
        return span < 1 || DayMs % span == 0 || DayMs % (span + 1) == 0 || Math.Abs(span - DayMs) <= hour + 1;
    }

    private static IEnumerable<string> ZoneIds(JobDefinition job)
    {
        if (ZoneOf(job.Settings) is { } id)
        {
            yield return id;
        }

        foreach (var step in job.Pipeline ?? [])
        {
            if (ZoneOf(step.Json) is { } stepZone)
            {
                yield return stepZone;
            }

            if (step.Json.ValueKind == JsonValueKind.Object && step.Json.TryGetProperty("settings", out var settings) && ZoneOf(settings) is { } settingsZone)
            {
                yield return settingsZone;
            }
        }
    }

    private static string? ZoneOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("timeZone", out var zone) && zone.ValueKind == JsonValueKind.String ? zone.GetString() : null;

    private static TimeZoneInfo? TryFind(string? id)
    {
        try
        {
            return id is null ? null : TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null; // the job's check refuses an unknown zone before a replay starts
        }
    }
}
