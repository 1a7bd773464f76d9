using System.Text.Json.Serialization;

namespace Calc.Engine.Tsdb.Tests;

/// <summary>One line of VictoriaMetrics' <c>/api/v1/export</c>.</summary>
internal sealed record ExportedSeries(
    [property: JsonPropertyName("metric")] Dictionary<string, string> Metric,
    [property: JsonPropertyName("values")] double[] Values,
    [property: JsonPropertyName("timestamps")] long[] Timestamps)
{
    public string Name => Metric["__name__"];

    /// <summary><c>name{label="value",…}</c> with labels sorted, as VictoriaMetrics shows it.</summary>
    public override string ToString() =>
        Name + "{" + string.Join(",", Metric.Where(m => m.Key != "__name__").OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}=\"{m.Value}\"")) + "}";
}
