using System.Diagnostics;
using System.Text.Json;
using Calc.Engine.Kafka;
using Calc.Engine.Tsdb.Tests;

namespace Calc.Host.Tests;

/// <summary>
/// A job's <c>outputs.tsdb</c> means the same under every runner: its points land in the TSDB
/// (VictoriaMetrics here) from a Kafka <c>calc run</c> and from <c>calc serve</c> as from a file run, and
/// offsets are committed only after the database acknowledged: VictoriaMetrics stopped mid-run and the
/// calc process killed while it was down, a second run delivers every point.
/// </summary>
[Collection(DataDirCollection.Name)]
public sealed class TsdbEveryRunnerTests : DataDirTest
{
    private const string Job = """
        {"id":"tsdb-every","orgId":"o1","pipeline":[
          {"op":"template","template":"time-window-aggregation","settings":{"window":"1h"},
           "policies":[{"input":"turbine::ActivePower","aggregation":"avg","output":"turbine::P_1H"}]},
          {"op":"template","template":"energy-by-instant-power","settings":{"timeZone":"UTC","detailInterval":"1h","maxGap":"1h"},
           "policies":[{"input":"turbine::ActivePower","dailyOutput":"turbine::ENERGY_DAY","detailOutput":"turbine::ENERGY_1H"}]}],
         "source":{"kafka":{"topic":"points"}},
         "outputs":{"kafka":{"topic":"results","internal":false},"tsdb":{"points":["turbine::ENERGY_*"]}}}
        """;

    [Fact]
    public async Task ShouldDeliverAKafkaRunsOutputsTsdbAcrossAnOutageEvenWhenCalcIsKilledDuringIt()
    {
        await using var vm = await VictoriaMetricsServer.StartAsync();
        var (day1, day2) = StreamTestKit.WindRecords(turbines: 4);
        var job = Write("job.json", Job);
        var expected = Expected(job, day1.Concat(day2));
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 2);
        broker.CreateTopic("results", 2);
        var checkpoints = Path.Combine(Dir, "cp");
        string[] Run(string idle) => ["run", job, "--bootstrap-servers", servers, "--idle-exit", idle, "--checkpoint-dir", checkpoints, "--tsdb", vm.Url.ToString()];

        StreamTestKit.Produce(servers, "points", day1);
        var (first, log) = StreamTestKit.StartCalc(Run("60s"));
        try
        {
            await StreamTestKit.WaitFor(async () => (await vm.ExportAsync("{__name__=~\"turbine_.*\"}")).Count > 0, "the first points to arrive", first, log);
            await vm.StopAsync();
            StreamTestKit.Produce(servers, "points", day2);
            await StreamTestKit.WaitFor(() => Task.FromResult(StreamTestKit.Text(log).Contains("TSDB write failed", StringComparison.Ordinal)), "a write to fail while VictoriaMetrics is down", first, log);
        }
        finally
        {
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        await vm.StartAgainAsync();
        var (exit, _, error) = CliRunner.Run(Run("3s"));

        Assert.True(exit == 0, error);
        StreamTestKit.AssertSameResults(expected, await Stored(vm));
    }

    [Fact]
    public async Task ShouldWriteAServedJobsOutputsTsdbToTheConfiguredDatabase()
    {
        await using var vm = await VictoriaMetricsServer.StartAsync();
        var (day1, day2) = StreamTestKit.WindRecords(turbines: 2);
        var job = Write("job.json", Job);
        var expected = Expected(job, day1.Concat(day2));
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 1);
        broker.CreateTopic("results", 1);
        var config = Write("calc.json", $$"""{ "tsdb": { "url": "{{vm.Url}}" } }""");
        StreamTestKit.Produce(servers, "points", day1.Concat(day2));

        await using (var serve = new ServeHarness(servers, "--config", config))
        {
            var (status, body) = await serve.Send(HttpMethod.Put, "/jobs/tsdb-every", File.ReadAllText(job));
            Assert.True(status == 201 || status == 200, body.ToString());
            var watch = Stopwatch.StartNew();
            while ((await Stored(vm)).Count < expected.Count)
            {
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(90), $"VictoriaMetrics has {(await Stored(vm)).Count} of {expected.Count} points after 90 s:\n{serve.Log}");
                await Task.Delay(250);
            }
        }

        StreamTestKit.AssertSameResults(expected, await Stored(vm));
    }

    /// <summary>The final ENERGY_* values of a file run of the same records: what a line-protocol database must hold.</summary>
    private Dictionary<string, double> Expected(string job, IEnumerable<(string Key, string Json)> records)
    {
        var input = Write("all.ndjson", string.Join('\n', records.Select(r => r.Json)));
        var output = Path.Combine(Dir, "expected.ndjson");
        var (exit, _, error) = CliRunner.Run("run", job, "--input", input, "--output", output);
        Assert.True(exit == 0, error);
        return StreamTestKit.Latest(File.ReadLines(output)
            .Where(l => !l.Contains("\"calMode\":\"early\"", StringComparison.Ordinal) && !l.Contains("\"calMode\":\"onTime\"", StringComparison.Ordinal))
            .Where(l => l.Contains("ENERGY_", StringComparison.Ordinal)));
    }

    private static async Task<Dictionary<string, double>> Stored(VictoriaMetricsServer vm)
    {
        var actual = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var series in await vm.ExportAsync("{__name__=~\"turbine_.*\"}"))
        {
            for (var i = 0; i < series.Values.Length; i++)
            {
                actual[$"{series.Metric["asset"]}/{series.Name["turbine_".Length..]}/{series.Timestamps[i]}"] = series.Values[i];
            }
        }

        return actual;
    }
}
