namespace Calc.Engine.Tsdb.Internal;

/// <summary>A row of the series table, as Dapper reads it.</summary>
internal sealed class SeriesRow
{
    public long Id { get; set; }

    public string Org { get; set; } = "";

    public string Model { get; set; } = "";

    public string Asset { get; set; } = "";

    public string Point { get; set; } = "";
}
