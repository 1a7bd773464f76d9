namespace Calc.Sdk;

/// <summary>The JSON type of a point value.</summary>
public enum PointValueKind : byte
{
    /// <summary>JSON <c>null</c> or a missing value.</summary>
    Null = 0,

    /// <summary>A finite double.</summary>
    Number,

    /// <summary>A string.</summary>
    String,

    /// <summary>A boolean.</summary>
    Bool,
}
