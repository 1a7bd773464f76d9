namespace Acme.PowerCurve;

/// <summary>
/// A power curve: (speed, power) points with strictly increasing speeds, linear between them and 0
/// outside [first speed, last speed] (below cut-in, above cut-out). Immutable, shared by all lanes.
/// </summary>
internal sealed class Curve(double[] speeds, double[] powers)
{
    public double Evaluate(double speed)
    {
        if (!(speed >= speeds[0]) || speed > speeds[^1])
        {
            return 0;
        }

        var i = Array.BinarySearch(speeds, speed);
        if (i >= 0)
        {
            return powers[i];
        }

        // ~i is the first speed above; the segment is (~i - 1, ~i).
        var hi = ~i;
        var lo = hi - 1;
        var f = (speed - speeds[lo]) / (speeds[hi] - speeds[lo]);
        return powers[lo] + ((powers[hi] - powers[lo]) * f);
    }
}
