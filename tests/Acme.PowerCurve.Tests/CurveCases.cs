namespace Acme.PowerCurve.Tests;

/// <summary>Wind speed → expected kW on <see cref="Drivers.HandCurve"/>, worked out by hand.</summary>
public sealed class CurveCases : TheoryData<double, double>
{
    public CurveCases()
    {
        Add(0, 0);          // calm
        Add(2.9, 0);        // below cut-in: outside the curve
        Add(3, 0);          // the first point itself
        Add(4, 100);        // halfway 3 → 5: (0 + 200) / 2
        Add(5, 200);        // a curve point
        Add(7.5, 1100);     // halfway 5 → 10: 200 + (2000 − 200) × 2.5 / 5
        Add(9, 1640);       // 200 + 1800 × 4 / 5
        Add(10, 2000);      // rated
        Add(18, 2000);      // flat 10 → 25
        Add(25, 2000);      // the last point itself
        Add(25.1, 0);       // above cut-out: outside the curve
    }
}
