namespace Calc.Templates.Energy;

/// <summary>Detail buckets: fixed size, aligned to the UTC epoch (<c>start = floor(t / size) * size</c>).</summary>
internal sealed class FixedIntervals(long sizeMs) : IBucketScheme
{
    public void Locate(long instant, out long start, out long end)
    {
        var q = instant / sizeMs;
        if (instant % sizeMs < 0)
        {
            q--;
        }

        start = q * sizeMs;
        end = start + sizeMs;
    }
}
