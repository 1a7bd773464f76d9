using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Calc.Host.Tests;

/// <summary>
/// <c>calc serve --tsdb</c> on the embedded broker: the output topic does not exist when the writer
/// starts. It once crashed the process (<c>ConsumeException: Subscribed topic not available</c>, exit 134)
/// and a running job's outputs never reached the store. Now it waits for the topic, writes the outputs,
/// and /health shows its state. Runs a real <c>calc serve</c> process.
/// </summary>
public sealed partial class ServeTsdbTopicRegressionTests
{
    private const string Job = """
        {"id":"w","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1h"},
         "policies":[{"input":"turbine::WindSpeed","aggregation":"count","output":"turbine::N_1H"}],
         "source":{"kafka":{"topic":"points"}}}
        """;

    [Fact]
    public async Task ShouldWaitForTheOutputTopicAndWriteAJobsOutputsWithoutDying()
    {
        var dir = CliRunner.TempDir();
        var tsdb = Path.Combine(dir, "tsdb.db");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "calc.dll"), "serve", "--insecure-local", "--listen", "127.0.0.1:0", "--tsdb", "sqlite:" + tsdb })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["CALC_DATA_DIR"] = Path.Combine(dir, "data");
        start.Environment.Remove("CALC_KAFKA_BOOTSTRAP_SERVERS");
        using var process = Process.Start(start)!;
        var log = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            Match ready = Match.Empty;
            await Until(() => Task.FromResult((ready = Address().Match(StreamTestKit.Text(log))).Success), process, log, "the REST API line");
            using var http = new HttpClient { BaseAddress = new Uri(ready.Groups[1].Value) };
            var servers = ready.Groups[2].Value;

            // Before any job produced to calc-results: the process is up and /health says what the writer does.
            var early = await Health(http);
            Assert.Contains(early.GetProperty("status").GetString(), new[] { "waitingForTopic", "running" });
            Assert.Equal("calc-results", early.GetProperty("topic").GetString());

            using (var put = await http.PutAsync("/jobs/w", new StringContent(Job, Encoding.UTF8, "application/json")))
            {
                Assert.Equal(201, (int)put.StatusCode);
            }

            // Two hours of one turbine: the 00:00 window closes when the 01:00 record arrives (count 2).
            StreamTestKit.Produce(servers, "points",
            [
                ("T1", Record(1_514_764_800_000, 5)), ("T1", Record(1_514_765_400_000, 6)), ("T1", Record(1_514_768_400_000, 7)),
            ]);

            var written = default(JsonElement);
            await Until(async () => (written = await Health(http)).GetProperty("written").GetInt64() >= 1, process, log, "the window in the TSDB");
            Assert.Equal("running", written.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.String, written.GetProperty("lastSuccessAt").ValueKind);
            Assert.False(process.HasExited, StreamTestKit.Text(log));
            Assert.DoesNotContain("Unhandled exception", StreamTestKit.Text(log), StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        var (exit, output, error) = CliRunner.Run("query", "--db", tsdb, "--asset", "T1", "--point", "turbine::N_1H", "--format", "json");
        Assert.True(exit == 0, error);
        var rows = JsonDocument.Parse(output).RootElement;
        var first = rows.EnumerateArray().First();
        Assert.Equal(2.0, first.GetProperty("value").GetDouble());
    }

    private static string Record(long time, double value) =>
        $$"""{"orgId":"o1","modelId":"turbine","assetId":"T1","pointId":"WindSpeed","time":{{time}},"value":{{value}}}""";

    private static async Task<JsonElement> Health(HttpClient http) =>
        (await http.GetFromJsonAsync<JsonElement>("/health")).GetProperty("tsdb");

    private static async Task Until(Func<Task<bool>> condition, Process process, StringBuilder log, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.False(process.HasExited, $"calc serve exited before {what}:\n{StreamTestKit.Text(log)}");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"no {what} within 60 s:\n{StreamTestKit.Text(log)}");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"REST API on (http://127\.0\.0\.1:\d+)\S*; .* on Kafka at ([^\s;]+)")]
    private static partial Regex Address();
}
