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

    /// <summary>What landed in Garnet: a sample asset's latest values, its connection status, its site's roll-up.</summary>
    public static void WriteStores(TextWriter error, StackExchange.Redis.IDatabase garnet, long connectionEvents)
    {
        var latest = garnet.HashGetAll("calc:latest:o1:INV01");
        var connection = garnet.HashGetAll("calc:conn:o1:INV01");
        var site = garnet.HashGetAll("calc:site:o1:plant1");
        error.WriteLine();
        error.WriteLine($"Garnet: {latest.Length} latest values of INV01 in hash calc:latest:o1:INV01, e.g.");
        foreach (var entry in latest.OrderBy(e => e.Name.ToString(), StringComparer.Ordinal).Take(4))
        {
            error.WriteLine($"  {entry.Name,-18} {entry.Value}");
        }

        error.WriteLine($"  connection calc:conn:o1:INV01: {string.Join(", ", connection.Select(e => $"{e.Name}={e.Value}"))}; site calc:site:o1:plant1: {string.Join(", ", site.Select(e => $"{e.Name}={e.Value}"))} ({connectionEvents} status changes)");
    }

    /// <summary>Daily energy per inverter two ways, read back from the embedded TSDB.</summary>
    public static void WriteEnergy(TextWriter error, string tsdbPath, int inverters)
    {
        error.WriteLine();
        error.WriteLine($"Daily energy (kWh) in the TSDB {tsdbPath}: from AC power (trapezoids) and from the lifetime meter:");
        for (var i = 1; i <= Math.Min(inverters, 4); i++)
        {
            var asset = $"INV{i:D2}";
            var power = Calc.Engine.Tsdb.SqliteTsdb.Query(tsdbPath, new Calc.Engine.Tsdb.TsdbQuery(asset, "ENERGY_DAY"));
            var meter = Calc.Engine.Tsdb.SqliteTsdb.Query(tsdbPath, new Calc.Engine.Tsdb.TsdbQuery(asset, "METER_ENERGY_DAY"));
            var days = string.Join("   ", power.Zip(meter).Select(p => string.Create(CultureInfo.InvariantCulture,
                $"{DateTimeOffset.FromUnixTimeMilliseconds(p.First.Time).ToOffset(TimeSpan.FromHours(5.5)):MM-dd} {p.First.Value.Number:N1} / {p.Second.Value.Number:N1}")));
            error.WriteLine($"  {asset}  {days}");
        }

        error.WriteLine($"Query it: dotnet run --project engine/Calc.Host -- query --db {tsdbPath} --asset INV01 --point ENERGY_15M --every 1h --agg sum");
    }

    /// <summary>Where to read the results when they went to VictoriaMetrics/InfluxDB.</summary>
    public static void WriteLineProtocol(TextWriter error, string url, long written)
    {
        error.WriteLine();
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{written:N0} final results written to {url} (line protocol: measurement = model, field = point, tags org, asset, site)."));
        error.WriteLine($"VictoriaMetrics: curl -s {url.TrimEnd('/')}/api/v1/export -d 'match[]={{__name__=~\"inverter_ENERGY_DAY\"}}' -d start=0");
    }
}
