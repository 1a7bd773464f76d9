namespace Calc.Templates.Energy;

/// <summary>
/// Day buckets in a time zone: each starts at local midnight, so a DST day lasts 23 or 25 hours. A
/// midnight that does not exist (clocks jump over it) starts the day at the jump; a midnight that
/// occurs twice starts it at the first. The last day looked up is cached: consecutive readings
/// almost always fall in the same day. One instance per operator instance (not thread-safe).
/// </summary>
internal sealed class DayCalendar(TimeZoneInfo zone) : IBucketScheme
{
    private const long DayMs = 86_400_000;
    private static readonly long MinMs = ToMs(DateTime.MinValue.AddDays(3));
    private static readonly long MaxMs = ToMs(DateTime.MaxValue.AddDays(-3));
    private long _start = long.MaxValue;
    private long _end = long.MinValue;

    public void Locate(long instant, out long start, out long end)
    {
        if (instant >= _start && instant < _end)
        {
            start = _start;
            end = _end;
            return;
        }

        if (instant < MinMs || instant > MaxMs)
        {
            // Outside what DateTime can represent: plain UTC days rather than a crash.
            start = (instant / DayMs - (instant % DayMs < 0 ? 1 : 0)) * DayMs;
            end = start + DayMs;
            return;
        }

        var local = TimeZoneInfo.ConvertTimeFromUtc(new DateTime(DateTime.UnixEpoch.Ticks + (instant * TimeSpan.TicksPerMillisecond), DateTimeKind.Utc), zone).Date;
        start = Midnight(local);
        if (start > instant)
        {
            local = local.AddDays(-1);
            start = Midnight(local);
        }

        end = Midnight(local.AddDays(1));
        if (end <= instant)
        {
            start = end;
            end = Midnight(local.AddDays(2));
        }

        _start = start;
        _end = end;
    }

    /// <summary>The UTC instant (epoch ms) at which local date <paramref name="date"/> begins.</summary>
    private long Midnight(DateTime date)
    {
        var local = DateTime.SpecifyKind(date, DateTimeKind.Unspecified);
        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            var largest = offsets.Max();
            return ToMs(local - largest);
        }

        if (zone.IsInvalidTime(local))
        {
            // The clocks jumped over midnight: the day begins at the jump, midnight in the offset before it.
            var earlier = local.AddHours(-6);
            var before = earlier - TimeZoneInfo.ConvertTimeToUtc(earlier, zone);
            return ToMs(local - before);
        }

        return ToMs(TimeZoneInfo.ConvertTimeToUtc(local, zone));
    }

    private static long ToMs(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
}
