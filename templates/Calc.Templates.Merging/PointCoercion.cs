using System.Globalization;
using Calc.Sdk;

namespace Calc.Templates.Merging;

/// <summary>
/// Coerces a rule's result to the declared type of its output point (SPEC §5.2). A number becomes a
/// long by rounding half away from zero (2.5 → 3, −2.5 → −3); a bool is 0/non-0 of a number, or the
/// text <c>true</c>/<c>false</c>; a string is the invariant text of the value. What cannot be coerced
/// (text that is not a number, a long out of range) gives false.
/// </summary>
internal static class PointCoercion
{
    // 2^63: the first double past long.MaxValue.
    private const double LongLimit = 9223372036854775808.0;

    public static bool TryCoerce(in PointValue value, PointType type, out PointValue result)
    {
        result = PointValue.Null;
        switch (type)
        {
            case PointType.Double:
                if (!TryDeclaredNumber(in value, out var number))
                {
                    return false;
                }

                result = PointValue.FromNumber(number);
                return true;
            case PointType.Long:
                if (!TryDeclaredNumber(in value, out var raw))
                {
                    return false;
                }

                var rounded = Math.Round(raw, MidpointRounding.AwayFromZero);
                if (rounded >= LongLimit || rounded < -LongLimit)
                {
                    return false;
                }

                result = PointValue.FromNumber(rounded);
                return true;
            case PointType.Bool:
                return TryBool(in value, out result);
            default:
                result = PointValue.FromString(value.ToString());
                return true;
        }
    }

    /// <summary>
    /// The conversion a declared numeric output type asks for: unlike a numeric reading of a record value
    /// (only a JSON number), a rule's boolean result is 1/0 and a numeric string is parsed.
    /// </summary>
    private static bool TryDeclaredNumber(in PointValue value, out double number)
    {
        switch (value.Kind)
        {
            case PointValueKind.Number:
                number = value.Number;
                return true;
            case PointValueKind.Bool:
                number = value.Bool ? 1 : 0;
                return true;
            case PointValueKind.String:
                return double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
            default:
                number = double.NaN;
                return false;
        }
    }

    private static bool TryBool(in PointValue value, out PointValue result)
    {
        if (value.Kind is PointValueKind.Bool or PointValueKind.Number)
        {
            result = PointValue.FromBool(value.Bool);
            return true;
        }

        if (bool.TryParse(value.Text, out var flag))
        {
            result = PointValue.FromBool(flag);
            return true;
        }

        if (double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            result = PointValue.FromBool(number != 0);
            return true;
        }

        result = PointValue.Null;
        return false;
    }
}
