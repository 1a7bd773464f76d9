namespace Calc.Engine.Expressions.Internal;

/// <summary>
/// The type of a sub-expression as far as it is known when compiling. Numbers and booleans are
/// carried as <see cref="double"/> with NaN for null (booleans as 1, 0 or NaN), strings as
/// <see cref="string"/> (null for null), and values whose type only the data decides (references)
/// as <see cref="Calc.Sdk.PointValue"/>.
/// </summary>
internal enum StaticType
{
    Number,
    Boolean,
    String,
    Value,

    /// <summary>The <c>null</c> literal: takes the type of whatever it is combined with.</summary>
    Null,
}
