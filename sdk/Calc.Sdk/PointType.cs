namespace Calc.Sdk;

/// <summary>The declared type of a model's point (from the metadata store's models); outputs are coerced to it.</summary>
public enum PointType : byte
{
    /// <summary>A floating-point number.</summary>
    Double = 0,

    /// <summary>A 64-bit integer (written as a JSON number without fraction).</summary>
    Long,

    /// <summary>A boolean.</summary>
    Bool,

    /// <summary>A string.</summary>
    String,
}
