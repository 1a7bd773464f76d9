namespace Calc.Engine.Tsdb;

/// <summary>How <c>calc query</c> prints its result.</summary>
public enum QueryFormat
{
    /// <summary>A readable table per series, times as ISO-8601 UTC.</summary>
    Table,

    /// <summary>A JSON array of point records (SPEC §1 shape, time in epoch ms).</summary>
    Json,

    /// <summary>CSV with a header row, times as ISO-8601 UTC.</summary>
    Csv,
}
