namespace Calc.Templates.Energy;

/// <summary>Divides time into consecutive buckets (days in a time zone, or fixed epoch-aligned intervals).</summary>
internal interface IBucketScheme
{
    /// <summary>
    /// The bucket boundaries around <paramref name="instant"/>: <c>start ≤ instant &lt; end</c>. Buckets are
    /// right-closed for readings, so the bucket of a reading at time t is <c>Locate(t - 1)</c>, and the
    /// first bucket of a span (t1, t2] is <c>Locate(t1)</c>.
    /// </summary>
    void Locate(long instant, out long start, out long end);
}
