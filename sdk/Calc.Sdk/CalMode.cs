namespace Calc.Sdk;

/// <summary>How an output value relates to other emissions for the same (asset, point, time).</summary>
public enum CalMode
{
    /// <summary>The value is emitted once; no <c>attr.calMode</c> is written.</summary>
    None = 0,

    /// <summary>A provisional value that may still grow (energy buckets before they close).</summary>
    Early,

    /// <summary>The value emitted when its window closed on time.</summary>
    OnTime,

    /// <summary>The last value, emitted when the input ended or a later bucket began.</summary>
    Final,

    /// <summary>A re-emission caused by a late record that arrived within the allowed lateness.</summary>
    Late,
}
