namespace Calc.Engine.Tsdb;

/// <summary>How the points of one time bucket are combined (numeric and boolean values only).</summary>
public enum TsdbAggregation
{
    /// <summary>Mean.</summary>
    Avg,

    /// <summary>Smallest value.</summary>
    Min,

    /// <summary>Largest value.</summary>
    Max,

    /// <summary>Sum.</summary>
    Sum,

    /// <summary>Number of values.</summary>
    Count,

    /// <summary>Value with the earliest time in the bucket.</summary>
    First,

    /// <summary>Value with the latest time in the bucket.</summary>
    Last,
}
