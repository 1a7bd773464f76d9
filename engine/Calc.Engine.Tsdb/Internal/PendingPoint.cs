namespace Calc.Engine.Tsdb.Internal;

/// <summary>
/// A record of a batch about to be written, ordered by (series, time) so that a batch fills each
/// series' pages once instead of jumping between them; the batch position keeps re-emissions of the
/// same series and time in order (the last one is written last and wins).
/// </summary>
internal readonly record struct PendingPoint(long Series, long Time, int Index) : IComparable<PendingPoint>
{
    public int CompareTo(PendingPoint other)
    {
        var bySeries = Series.CompareTo(other.Series);
        if (bySeries != 0)
        {
            return bySeries;
        }

        var byTime = Time.CompareTo(other.Time);
        return byTime != 0 ? byTime : Index.CompareTo(other.Index);
    }
}
