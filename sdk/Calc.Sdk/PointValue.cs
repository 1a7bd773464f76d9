using System.Globalization;

namespace Calc.Sdk;

/// <summary>
/// The value of a point record: a number, string, boolean or null, stored without boxing.
/// </summary>
public readonly struct PointValue : IEquatable<PointValue>
{
    private readonly double _number;
    private readonly string? _text;

    private PointValue(PointValueKind kind, double number, string? text)
    {
        Kind = kind;
        _number = number;
        _text = text;
    }

    /// <summary>The null value.</summary>
    public static PointValue Null => default;

    /// <summary>The JSON type of this value.</summary>
    public PointValueKind Kind { get; }

    /// <summary>True for numbers.</summary>
    public bool IsNumber => Kind == PointValueKind.Number;

    /// <summary>True for null.</summary>
    public bool IsNull => Kind == PointValueKind.Null;

    /// <summary>
    /// The number; <see cref="double.NaN"/> for booleans, strings and null. Only a JSON number is numeric:
    /// <c>true</c>/<c>false</c> and strings such as <c>"7"</c> are not numbers.
    /// </summary>
    public double Number => Kind == PointValueKind.Number ? _number : double.NaN;

    /// <summary>The string, or null when this is not a string.</summary>
    public string? Text => _text;

    /// <summary>The boolean value (numbers: non-zero is true).</summary>
    public bool Bool => Kind is PointValueKind.Bool or PointValueKind.Number && _number != 0;

    /// <summary>A number value. Non-finite numbers are not point values: they become null.</summary>
    public static PointValue FromNumber(double value) =>
        double.IsFinite(value) ? new PointValue(PointValueKind.Number, value, null) : default;

    /// <summary>A string value (null gives the null value).</summary>
    public static PointValue FromString(string? value) =>
        value is null ? default : new PointValue(PointValueKind.String, double.NaN, value);

    /// <summary>A boolean value.</summary>
    public static PointValue FromBool(bool value) => new(PointValueKind.Bool, value ? 1 : 0, null);

    /// <summary>
    /// Gets the number when the value is a number. Only a JSON number is numeric: a boolean, a string
    /// (also a numeric one such as <c>"7"</c>) and null give false, so that every numeric use (thresholds,
    /// windows, energy, arithmetic) treats them as invalid the same way.
    /// </summary>
    public bool TryGetNumber(out double value)
    {
        value = Kind == PointValueKind.Number ? _number : double.NaN;
        return Kind == PointValueKind.Number;
    }

    /// <inheritdoc />
    public bool Equals(PointValue other) =>
        Kind == other.Kind && (Kind switch
        {
            PointValueKind.Null => true,
            PointValueKind.String => string.Equals(_text, other._text, StringComparison.Ordinal),
            _ => _number.Equals(other._number),
        });

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PointValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, _number, _text);

    /// <summary>Equality.</summary>
    public static bool operator ==(PointValue left, PointValue right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(PointValue left, PointValue right) => !left.Equals(right);

    /// <summary>Invariant text: numbers round-trip, booleans <c>true</c>/<c>false</c>, null <c>null</c>.</summary>
    public override string ToString() => Kind switch
    {
        PointValueKind.Number => _number.ToString("R", CultureInfo.InvariantCulture),
        PointValueKind.String => _text!,
        PointValueKind.Bool => _number != 0 ? "true" : "false",
        _ => "null",
    };
}
