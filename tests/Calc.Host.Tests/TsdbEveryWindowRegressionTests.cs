using System.Globalization;
using System.Text.Json;
using Calc.Engine.Tsdb.Tests;

namespace Calc.Host.Tests;

/// <summary>
/// <c>calc run … --tsdb http://VictoriaMetrics</c> once stored only the last window: windows are emitted
/// <c>onTime</c> and the line-protocol writer left those out (only <c>final</c> reached the database).
/// Every window's final value must reach it, for any latency, once per timestamp, as in the embedded store.
/// </summary>
public sealed class TsdbEveryWindowRegressionTests
{
    [Theory]
    [InlineData("0s")]
    [InlineData("20m")]
    public async Task ShouldStoreEveryWindowOfARealDataRunInVictoriaMetricsAsInTheEmbeddedStore(string latency)
    {
        await using var vm = await VictoriaMetricsServer.StartAsync();
        var dir = CliRunner.TempDir();
        var job = Path.Combine(dir, "job.json");
        File.WriteAllText(job, $$"""
            {"id":"wind-15m","orgId":"o1","template":"time-window-aggregation","settings":{"window":"15m","latency":"{{latency}}"},
             "policies":[{"input":"turbine::ActivePower","aggregation":"avg","output":"turbine::P_15M"}]}
            """);
        var input = CliRunner.Fixture("wind-t1-2018-01-01..02.ndjson");
        var db = Path.Combine(dir, "embedded.db");

        var (vmExit, _, vmLog) = CliRunner.Run("run", job, "--input", input, "--output", Path.Combine(dir, "vm.ndjson"), "--tsdb", vm.Url.AbsoluteUri);
        var (dbExit, _, dbLog) = CliRunner.Run("run", job, "--input", input, "--output", Path.Combine(dir, "db.ndjson"), "--tsdb", "sqlite:" + db);

        Assert.True(vmExit == 0, vmLog);
        Assert.True(dbExit == 0, dbLog);
        var (queryExit, json, queryError) = CliRunner.Run("query", "--db", db, "--asset", "T1", "--point", "turbine::P_15M", "--format", "json");
        Assert.True(queryExit == 0, queryError);
        var embedded = JsonDocument.Parse(json).RootElement.EnumerateArray()
            .ToDictionary(r => r.GetProperty("time").GetInt64(), r => r.GetProperty("value").GetDouble());
        var series = Assert.Single(await vm.ExportAsync("""{__name__="turbine_P_15M"}"""));

        // Two days of 10-minute rows: one 15-minute window per row or so, each stored once.
        Assert.True(embedded.Count > 150, $"only {embedded.Count} windows in the embedded store");
        Assert.Equal(series.Timestamps.Length, series.Timestamps.Distinct().Count());
        Assert.Equal(embedded.Keys.Order(), series.Timestamps.Order());
        for (var i = 0; i < series.Timestamps.Length; i++)
        {
            Assert.Equal(embedded[series.Timestamps[i]], series.Values[i], 9);
        }

        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{embedded.Count,12:N0}  points written to {vm.Url.AbsoluteUri.TrimEnd('/')}"), vmLog, StringComparison.Ordinal);
        Assert.Matches(@"tsdb merged\s+0\s", vmLog);
        Assert.Matches(@"tsdb skipped\s+0\s", vmLog);
    }
}
