namespace Calc.Templates.Groups;

/// <summary>Windows [start, start + window) with starts at multiples of the slide from the UTC epoch.</summary>
internal sealed class EpochWindows(long windowMs, long slideMs) : IWindowScheme
{
    public int MaxWindowsPerInstant { get; } = (int)((windowMs + slideMs - 1) / slideMs);

    public int Locate(long time, Span<long> starts, Span<long> ends)
    {
        var n = 0;
        for (var start = Floor(time, slideMs); start > time - windowMs; start -= slideMs)
        {
            starts[n] = start;
            ends[n] = start + windowMs;
            n++;
        }

        return n;
    }

    private static long Floor(long time, long size)
    {
        var q = time / size;
        if (time % size != 0 && time < 0)
        {
            q--;
        }

        return q * size;
    }
}
