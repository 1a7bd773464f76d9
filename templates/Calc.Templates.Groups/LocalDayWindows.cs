namespace Calc.Templates.Groups;

/// <summary>
/// Windows of whole local days in a time zone: a window of n days starts at a local midnight and ends
/// at the local midnight n days later, so a window holding a DST change lasts 23 or 25 hours per day.
/// Starts are every <c>slide</c> days counted from 1970-01-01 (local). A midnight the clocks jump over
/// starts the day at the jump; a midnight that occurs twice starts it at the first. The last day looked
/// up is cached (one instance per operator instance, not thread-safe).
/// </summary>
internal sealed class LocalDayWindows(TimeZoneInfo zone, int windowDays, int slideDays) : IWindowScheme
{
    private static readonly long EpochDay = DateTime.UnixEpoch.Ticks / TimeSpan.TicksPerDay;
    private long _cachedStart = long.MaxValue;
    private long _cachedEnd = long.MinValue;
    private long _cachedDay;
    private readonly long[] _lastStarts = new long[(windowDays + slideDays - 1) / slideDays];
    private readonly long[] _lastEnds = new long[(windowDays + slideDays - 1) / slideDays];
    private long _lastDay = long.MinValue;
    private int _lastCount;

    public int MaxWindowsPerInstant { get; } = (windowDays + slideDays - 1) / slideDays;

    public int Locate(long time, Span<long> starts, Span<long> ends)
    {
        var day = DayOf(time);
        if (day == _lastDay)
        {
            _lastStarts.AsSpan(0, _lastCount).CopyTo(starts);
            _lastEnds.AsSpan(0, _lastCount).CopyTo(ends);
            return _lastCount;
        }

        var n = 0;
        for (var first = FloorDiv(day, slideDays) * slideDays; first > day - windowDays; first -= slideDays)
        {
            starts[n] = Midnight(first);
            ends[n] = Midnight(first + windowDays);
            n++;
        }

        starts[..n].CopyTo(_lastStarts);
        ends[..n].CopyTo(_lastEnds);
        _lastDay = day;
        _lastCount = n;
        return n;
    }

    /// <summary>The local day (days since 1970-01-01 local) that holds <paramref name="time"/>.</summary>
    private long DayOf(long time)
    {
        if (time >= _cachedStart && time < _cachedEnd)
        {
            return _cachedDay;
        }

        var utc = new DateTime(DateTime.UnixEpoch.Ticks + (time * TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
        var day = (TimeZoneInfo.ConvertTimeFromUtc(utc, zone).Ticks / TimeSpan.TicksPerDay) - EpochDay;
        if (Midnight(day) > time)
        {
            day--;
        }
        else if (Midnight(day + 1) <= time)
        {
            day++;
        }

        _cachedDay = day;
        _cachedStart = Midnight(day);
        _cachedEnd = Midnight(day + 1);
        return day;
    }

    /// <summary>The UTC instant (epoch ms) at which local day <paramref name="day"/> begins.</summary>
    private long Midnight(long day)
    {
        var local = new DateTime((day + EpochDay) * TimeSpan.TicksPerDay, DateTimeKind.Unspecified);
        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            var largest = offsets[0] > offsets[^1] ? offsets[0] : offsets[^1];
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

    private static long FloorDiv(long a, long b) => (a / b) - ((a % b != 0 && a < 0) ? 1 : 0);

    private static long ToMs(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
}
