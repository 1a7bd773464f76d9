namespace Calc.Sdk;

/// <summary>The outcome of preprocessing one record.</summary>
public enum SampleStatus
{
    /// <summary>The value passed the threshold.</summary>
    Valid = 0,

    /// <summary>The value was invalid and has been replaced (last value or linear interpolation).</summary>
    Repaired,

    /// <summary>The value is invalid and could not be repaired; it must be excluded.</summary>
    Invalid,
}
