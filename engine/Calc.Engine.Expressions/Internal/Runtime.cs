using System.Globalization;
using System.Runtime.CompilerServices;
using Calc.Sdk;

namespace Calc.Engine.Expressions.Internal;

/// <summary>
/// Helpers the compiled expressions call. Numbers and booleans travel as doubles with NaN for null,
/// so that arithmetic propagates null for free; every operation that can leave the finite range
/// maps the result back to NaN (null).
/// </summary>
internal static class Runtime
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Finite(double x) => double.IsFinite(x) ? x : double.NaN;

    public static double ToBool(in PointValue value, string subject) => value.Kind switch
    {
        PointValueKind.Number or PointValueKind.Bool => value.Bool ? 1 : 0,
        PointValueKind.Null => double.NaN,
        _ => ParseBool(value, subject),
    };

    public static string? ToText(PointValue value) => value.Kind == PointValueKind.Null ? null : value.ToString();

    public static string? NumberText(double x) => double.IsFinite(x) ? x.ToString("R", CultureInfo.InvariantCulture) : null;

    public static string? BoolText(double x) => double.IsNaN(x) ? null : x != 0 ? "true" : "false";

    public static PointValue BoolValue(double x) => double.IsNaN(x) ? default : PointValue.FromBool(x != 0);

    /// <summary>A number used as a condition: non-zero is true.</summary>
    public static double Truth(double x) => double.IsNaN(x) ? double.NaN : x != 0 ? 1 : 0;

    public static double Less(double a, double b) => a < b ? 1 : a >= b ? 0 : double.NaN;

    public static double LessOrEqual(double a, double b) => a <= b ? 1 : a > b ? 0 : double.NaN;

    public static double Greater(double a, double b) => a > b ? 1 : a <= b ? 0 : double.NaN;

    public static double GreaterOrEqual(double a, double b) => a >= b ? 1 : a < b ? 0 : double.NaN;

    /// <summary>Equality where null equals only null.</summary>
    public static double NumberEquals(double a, double b) => a == b || (double.IsNaN(a) && double.IsNaN(b)) ? 1 : 0;

    public static double TextEquals(string? a, string? b) => string.Equals(a, b, StringComparison.Ordinal) ? 1 : 0;

    /// <summary>Ordinal order of two strings as -1, 0, 1; NaN when one is null.</summary>
    public static double TextOrder(string? a, string? b) => a is null || b is null ? double.NaN : Math.Sign(string.CompareOrdinal(a, b));

    /// <summary>
    /// Equality of values whose types only the data decides: equal only when of the same kind, numbers by
    /// value, strings ordinally, booleans as booleans (a string never equals a number, a boolean never a number).
    /// </summary>
    public static double ValueEquals(PointValue a, PointValue b) => a.Kind == b.Kind && a.Equals(b) ? 1 : 0;

    public static string? Concat(string? a, string? b) => a is null || b is null ? null : string.Concat(a, b);

    /// <summary>Rest of a three-valued <c>and</c> once the left side is known not to be false.</summary>
    public static double AndRest(double left, double right) => right == 0 ? 0 : left == 1 && right == 1 ? 1 : double.NaN;

    /// <summary>Rest of a three-valued <c>or</c> once the left side is known not to be true.</summary>
    public static double OrRest(double left, double right) => right == 1 ? 1 : left == 0 && right == 0 ? 0 : double.NaN;

    public static double Pow(double x, double y) => double.IsNaN(x) || double.IsNaN(y) ? double.NaN : Finite(Math.Pow(x, y));

    public static double Sign(double x) => double.IsNaN(x) ? double.NaN : Math.Sign(x);

    public static double Log(double x, double newBase) => double.IsNaN(x) || double.IsNaN(newBase) ? double.NaN : Finite(Math.Log(x, newBase));

    public static double Clamp(double x, double low, double high) =>
        low <= high ? Math.Min(Math.Max(x, low), high) : double.NaN;

    /// <summary>Half away from zero, on the value as written with 15 significant digits (2.675 → 2.68).</summary>
    public static double Round(double x, double digits)
    {
        if (double.IsNaN(x) || !(digits >= 0 && digits <= 15) || digits != Math.Floor(digits))
        {
            return double.NaN;
        }

        var d = (int)digits;
        return Math.Abs(x) < 1e15
            ? (double)Math.Round((decimal)x, d, MidpointRounding.AwayFromZero)
            : Math.Round(x, d, MidpointRounding.AwayFromZero);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    /// <summary>The error of a string or boolean where a number is needed; the compiled code throws it.</summary>
    /// <param name="value">A value whose type only the data decides.</param>
    /// <param name="subject">Who to blame in the error message (a constant of the compiled code).</param>
    public static ExpressionEvaluationException NotANumber(PointValue value, string subject) => TypeError(subject, "a number", value);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double ParseBool(PointValue value, string subject)
    {
        if (bool.TryParse(value.Text, out var b))
        {
            return b ? 1 : 0;
        }

        throw TypeError(subject, "a boolean", value);
    }

    private static ExpressionEvaluationException TypeError(string subject, string expected, PointValue value) =>
        new(subject + ": expected " + expected + ", got " + (value.Kind == PointValueKind.Bool
            ? "the boolean " + value
            : "the string \"" + value.Text + "\""));
}
