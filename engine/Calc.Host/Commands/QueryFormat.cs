namespace Calc.Host.Commands;

/// <summary>How <c>calc query</c> prints its result.</summary>
internal enum QueryFormat
{
    /// <summary>A readable table per series, times as ISO-8601 UTC.</summary>
    Table,

    /// <summary>A JSON array of point records (SPEC §1 shape, time in epoch ms).</summary>
    Json,

    /// <summary>CSV with a header row, times as ISO-8601 UTC.</summary>
    Csv,
}
