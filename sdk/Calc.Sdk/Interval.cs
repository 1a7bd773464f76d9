using System.Globalization;

namespace Calc.Sdk;

/// <summary>
/// A numeric interval with open or closed ends, written <c>[a,b]</c>, <c>(a,b)</c>, <c>[a,b)</c>,
/// <c>(a,b]</c>, with <c>-inf</c>/<c>+inf</c> for unbounded ends (SPEC §3).
/// </summary>
/// <param name="Lower">Lower bound (may be negative infinity).</param>
/// <param name="LowerClosed">Whether the lower bound belongs to the interval.</param>
/// <param name="Upper">Upper bound (may be positive infinity).</param>
/// <param name="UpperClosed">Whether the upper bound belongs to the interval.</param>
public readonly record struct Interval(double Lower, bool LowerClosed, double Upper, bool UpperClosed)
{
    /// <summary>The whole real line.</summary>
    public static Interval All => new(double.NegativeInfinity, false, double.PositiveInfinity, false);

    /// <summary>True when <paramref name="value"/> lies inside.</summary>
    public bool Contains(double value) =>
        (LowerClosed ? value >= Lower : value > Lower) && (UpperClosed ? value <= Upper : value < Upper);

    /// <summary>Parses an interval strictly.</summary>
    public static Interval? TryParse(string? text, out string? error)
    {
        const string Expected = "expected an interval like [0,100), (-inf,5] or [0,+inf)";
        error = null;
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t) || t.Length < 5 || (t[0] != '[' && t[0] != '(') || (t[^1] != ']' && t[^1] != ')'))
        {
            error = $"'{text}' is not an interval: {Expected}";
            return null;
        }

        var parts = t[1..^1].Split(',');
        if (parts.Length != 2 || !TryBound(parts[0], out var lower) || !TryBound(parts[1], out var upper))
        {
            error = $"'{text}' is not an interval: {Expected}";
            return null;
        }

        if (double.IsPositiveInfinity(lower) || double.IsNegativeInfinity(upper) || lower > upper)
        {
            error = $"'{text}' is empty: the lower bound must not exceed the upper bound";
            return null;
        }

        var lowerClosed = t[0] == '[' && double.IsFinite(lower);
        var upperClosed = t[^1] == ']' && double.IsFinite(upper);
        if (lower == upper && !(lowerClosed && upperClosed))
        {
            error = $"'{text}' is empty";
            return null;
        }

        return new Interval(lower, lowerClosed, upper, upperClosed);
    }

    /// <summary>The interval as a job writes it.</summary>
    public override string ToString() =>
        (LowerClosed ? "[" : "(") + Bound(Lower) + "," + Bound(Upper) + (UpperClosed ? "]" : ")");

    private static string Bound(double value) => value switch
    {
        double.NegativeInfinity => "-inf",
        double.PositiveInfinity => "+inf",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static bool TryBound(string text, out double value)
    {
        var s = text.Trim();
        switch (s.ToLowerInvariant())
        {
            case "-inf":
                value = double.NegativeInfinity;
                return true;
            case "+inf":
            case "inf":
                value = double.PositiveInfinity;
                return true;
        }

        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }
}
