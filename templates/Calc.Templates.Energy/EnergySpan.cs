namespace Calc.Templates.Energy;

/// <summary>
/// The energy of one span (start, end] with its power profile: a straight line from
/// <see cref="DensityStart"/> to <see cref="DensityEnd"/> (energy per millisecond). A uniform span
/// (meter difference, average power) has both equal.
/// </summary>
internal readonly struct EnergySpan
{
    private const double MsPerHour = 3_600_000;

    private EnergySpan(long start, long end, double energy, double densityStart, double densityEnd)
    {
        Start = start;
        End = end;
        Energy = energy;
        DensityStart = densityStart;
        DensityEnd = densityEnd;
    }

    public long Start { get; }

    public long End { get; }

    public double Energy { get; }

    public double DensityStart { get; }

    public double DensityEnd { get; }

    /// <summary>An energy spread evenly over the span.</summary>
    public static EnergySpan Uniform(long start, long end, double energy)
    {
        var density = energy / (end - start);
        return new EnergySpan(start, end, energy, density, density);
    }

    /// <summary>Power changing linearly from <paramref name="p1"/> to <paramref name="p2"/> (per hour units): the trapezoid.</summary>
    public static EnergySpan Linear(long start, long end, double p1, double p2) =>
        new(start, end, (p1 + p2) / 2 * ((end - start) / MsPerHour), p1 / MsPerHour, p2 / MsPerHour);

    /// <summary>The energy over [<paramref name="from"/>, <paramref name="to"/>] inside the span: the exact integral of the line.</summary>
    public double Integral(long from, long to)
    {
        double length = End - Start;
        var slope = DensityEnd - DensityStart;
        var a = DensityStart + (slope * (from - Start) / length);
        var b = DensityStart + (slope * (to - Start) / length);
        return (a + b) / 2 * (to - from);
    }
}
