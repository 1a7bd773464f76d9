namespace Calc.Sdk;

/// <summary>What happens to an invalid value (SPEC §3).</summary>
public enum InterpolationMode
{
    /// <summary>The value is excluded from every computation.</summary>
    Ignore = 0,

    /// <summary>The last valid value of the same (asset, point) replaces it.</summary>
    LastValue,

    /// <summary>Linear interpolation between the neighbouring valid values; emission waits for the next valid value.</summary>
    Linear,
}
