using System.Globalization;
using Calc.Engine.Runtime;

namespace Calc.Host.Demo;

internal static class DemoSummary
{
    public static void Write(TextWriter error, IReadOnlyList<(string Job, JobMetrics Metrics, string Results)> jobs, long produced, TimeSpan elapsed, string dataDirectory)
    {
        error.WriteLine();
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"calc demo: done in {elapsed.TotalSeconds:0.0} s — {produced:N0} points simulated and streamed through Kafka"));
        foreach (var (job, metrics, results) in jobs)
        {
            var counters = string.Join(", ", metrics.Counters.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value:N0}"));
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {job,-18} read {metrics.Read,9:N0}  outputs {metrics.Outputs,7:N0}  rejected {metrics.Rejected:N0}{(counters.Length > 0 ? "  (" + counters + ")" : "")}"));
            error.WriteLine($"  {"",-18} results: {results}");
        }

        error.WriteLine();
        error.WriteLine($"Results are in {dataDirectory}. The jobs are in engine/Calc.Host/Demo/Jobs/; try one on a file:");
        error.WriteLine("  dotnet run --project engine/Calc.Host -- run engine/Calc.Host/Demo/Jobs/pv-hourly.json --input tests/fixtures/solar-2inverters-3days.ndjson --output out.ndjson");
    }
}
