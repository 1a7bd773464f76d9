using System.Diagnostics;
using System.Text.Json;
using Calc.Engine.Kafka;
using Calc.Engine.Tsdb.Tests;

namespace Calc.Host.Tests;

/// <summary>Outputs into a time-series database: <c>calc run --tsdb</c> on a file, and <c>calc sink tsdb</c> from Kafka across a database outage.</summary>
public sealed class TsdbOutputTests
{
    private const string Job = """
        {"id":"tsdb-out","orgId":"o1","pipeline":[
          {"op":"template","template":"time-window-aggregation","settings":{"window":"1h"},
           "policies":[{"input":"turbine::ActivePower","aggregation":"avg","output":"turbine::P_1H"}]},
          {"op":"template","template":"energy-by-instant-power","settings":{"timeZone":"UTC","detailInterval":"1h","maxGap":"1h"},
           "policies":[{"input":"turbine::ActivePower","dailyOutput":"turbine::ENERGY_DAY","detailOutput":"turbine::ENERGY_1H"}]}],
         "outputs":{"tsdb":{"points":["turbine::ENERGY_*"]}}}
        """;

    [Fact]
    public void ShouldWriteAFileRunsOutputsToTheEmbeddedStoreWithTheJobsStoragePolicy()
    {
        var dir = CliRunner.TempDir();
        var (jobPath, output) = (Path.Combine(dir, "job.json"), Path.Combine(dir, "out.ndjson"));
        File.WriteAllText(jobPath, Job);
        var db = Path.Combine(dir, "results.db");

        var (exit, _, error) = CliRunner.Run("run", jobPath, "--input", CliRunner.Fixture("wind-t1-2018-01-01..02.ndjson"), "--output", output, "--tsdb", "sqlite:" + db);

        Assert.True(exit == 0, error);
        var expected = StreamTestKit.Latest(File.ReadLines(output).Where(l => l.Contains("ENERGY_", StringComparison.Ordinal)));
        var (queryExit, json, queryError) = CliRunner.Run("query", "--db", db, "--asset", "T1", "--point", "ENERGY_1H", "--format", "json");
        Assert.True(queryExit == 0, queryError);
        var stored = JsonDocument.Parse(json).RootElement.EnumerateArray().Select(r => r.GetRawText()).ToList();
        Assert.Equal(expected.Where(e => e.Key.Contains("/ENERGY_1H/", StringComparison.Ordinal)).OrderBy(e => e.Key, StringComparer.Ordinal), StreamTestKit.Latest(stored).OrderBy(e => e.Key, StringComparer.Ordinal));
        var (_, averages, _) = CliRunner.Run("query", "--db", db, "--asset", "T1", "--point", "P_1H", "--format", "json");
        Assert.Equal("[]", averages.Trim());
    }

    [Fact]
    public void ShouldFailWithAClearErrorWhenTheDatabaseNeverAcknowledges()
    {
        var dir = CliRunner.TempDir();
        File.WriteAllText(Path.Combine(dir, "job.json"), Job);
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var watch = Stopwatch.StartNew();

        var (exit, _, error) = CliRunner.Run("run", Path.Combine(dir, "job.json"), "--input", CliRunner.Fixture("wind-t1-2018-01-01..02.ndjson"),
            "--output", Path.Combine(dir, "out.ndjson"), "--tsdb", $"http://127.0.0.1:{port}", "--tsdb-timeout", "3s");

        Assert.Equal(1, exit);
        Assert.InRange(watch.Elapsed.TotalSeconds, 2.5, 30);
        Assert.Contains($"http://127.0.0.1:{port} did not acknowledge", error, StringComparison.Ordinal);
        Assert.Contains("waiting for", error, StringComparison.Ordinal);
        Assert.True(File.ReadAllLines(Path.Combine(dir, "out.ndjson")).Length > 0, "the NDJSON output is written all the same");
    }

    [Fact]
    public async Task ShouldDeliverEveryPointToVictoriaMetricsAcrossAnOutage()
    {
        await using var vm = await VictoriaMetricsServer.StartAsync();
        var dir = CliRunner.TempDir();
        var (jobPath, output) = (Path.Combine(dir, "job.json"), Path.Combine(dir, "out.ndjson"));
        File.WriteAllText(jobPath, Job);
        File.WriteAllLines(Path.Combine(dir, "in.ndjson"), StreamTestKit.WindRecords(4).Day1.Concat(StreamTestKit.WindRecords(4).Day2).Select(r => r.Json));
        var (exit, _, error) = CliRunner.Run("run", jobPath, "--input", Path.Combine(dir, "in.ndjson"), "--output", output);
        Assert.True(exit == 0, error);
        var outputs = File.ReadAllLines(output).Select(l => (JsonDocument.Parse(l).RootElement.GetProperty("assetId").GetString()!, l)).ToList();
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("results", 4);

        StreamTestKit.Produce(servers, "results", outputs.Take(outputs.Count / 2));
        var (sink, log) = StreamTestKit.StartCalc("sink", "tsdb", "--bootstrap-servers", servers, "--topic", "results", "--tsdb", vm.Url.ToString(), "--points", "turbine::ENERGY_*", "--idle-exit", "8s");
        await StreamTestKit.WaitFor(async () => (await vm.ExportAsync("{__name__=~\"turbine_.*\"}")).Count > 0, "the first points to arrive", sink, log);
        await vm.StopAsync();
        StreamTestKit.Produce(servers, "results", outputs.Skip(outputs.Count / 2));
        await StreamTestKit.WaitFor(() => Task.FromResult(StreamTestKit.Text(log).Contains("TSDB write failed", StringComparison.Ordinal)), "a write to fail while VictoriaMetrics is down", sink, log);
        await vm.StartAgainAsync();
        Assert.True(sink.WaitForExit(TimeSpan.FromSeconds(90)), "calc sink tsdb did not stop after going idle:\n" + StreamTestKit.Text(log));
        await sink.WaitForExitAsync();
        Assert.True(sink.ExitCode == 0, StreamTestKit.Text(log));

        // Only final values go to a line-protocol database, each (series, time) once.
        var expected = StreamTestKit.Latest(File.ReadLines(output).Where(l => !l.Contains("\"calMode\":\"early\"", StringComparison.Ordinal) && !l.Contains("\"calMode\":\"onTime\"", StringComparison.Ordinal))
            .Where(l => l.Contains("ENERGY_", StringComparison.Ordinal)));
        var actual = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var series in await vm.ExportAsync("{__name__=~\"turbine_.*\"}"))
        {
            Assert.Equal(series.Timestamps.Length, series.Timestamps.Distinct().Count());
            for (var i = 0; i < series.Values.Length; i++)
            {
                actual[$"{series.Metric["asset"]}/{series.Name["turbine_".Length..]}/{series.Timestamps[i]}"] = series.Values[i];
            }
        }

        StreamTestKit.AssertSameResults(expected, actual);
    }
}
