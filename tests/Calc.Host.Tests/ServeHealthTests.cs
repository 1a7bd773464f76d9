using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Calc.Engine.Kafka;

namespace Calc.Host.Tests;

/// <summary>
/// <c>/health/live</c> and <c>/health/ready</c> of <c>calc serve</c>: ready while every job that should run
/// runs; a failed job, an unreachable Kafka or a TSDB writer that cannot write are named, and each change
/// is logged once.
/// </summary>
[Collection(DataDirCollection.Name)]
public sealed class ServeHealthTests : DataDirTest
{
    private const string WindJob = """
        {"id":"wind","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1h"},
         "policies":[{"input":"turbine::ActivePower","aggregation":"avg","output":"turbine::P_1H"}],
         "source":{"kafka":{"topic":"points"}},"outputs":{"kafka":{"topic":"results","internal":false}}}
        """;

    private const string ThrowingJob = """
        {"id":"boom","orgId":"o1","pipeline":[{"op":"test.throwing","params":{"input":"turbine::WindSpeed","output":"turbine::WS","failIn":"process"}}],
         "source":{"kafka":{"topic":"boom-points"}},"outputs":{"kafka":{"topic":"boom-results","internal":false}}}
        """;

    [Fact]
    public async Task ShouldNameAFailedJobUntilItIsStoppedAndLogEachChangeOnce()
    {
        InstallThrowingPlugin();

        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 2);
        broker.CreateTopic("boom-points", 1);
        await using var serve = new ServeHarness(servers);
        var (live, liveBody) = await serve.Send(HttpMethod.Get, "/health/live");
        Assert.Equal((200, "live"), (live, liveBody.GetProperty("status").GetString()));
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/wind", WindJob)).Status);
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/boom", ThrowingJob)).Status);
        await serve.WaitFor("wind", s => s.GetProperty("state").GetString() == "running", "running");
        var ready = await WaitReady(serve, (status, body) => status == 200, "ready with both jobs running or starting");
        Assert.Equal("ready", ready.GetProperty("status").GetString());

        StreamTestKit.Produce(servers, "boom-points", [("T1", """{"orgId":"o1","modelId":"turbine","assetId":"T1","pointId":"WindSpeed","time":1000,"value":7.5}""")]);
        var failing = await WaitReady(serve, (status, body) => status == 503 && Failing(body).SequenceEqual(["job:boom"]), "not ready, naming job:boom");
        Assert.Equal("not ready", failing.GetProperty("status").GetString());
        var components = failing.GetProperty("components").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c);
        Assert.True(components["kafka"].GetProperty("ok").GetBoolean());
        Assert.True(components["job:wind"].GetProperty("ok").GetBoolean());
        Assert.Contains("boom in process", components["job:boom"].GetProperty("detail").GetString(), StringComparison.Ordinal);

        // A deliberately stopped job is fine: ready again.
        Assert.Equal(200, (await serve.Send(HttpMethod.Post, "/jobs/boom/stop")).Status);
        var again = await WaitReady(serve, (status, body) => status == 200, "ready once boom is stopped");
        Assert.Contains(again.GetProperty("components").EnumerateArray(), c => c.GetProperty("name").GetString() == "job:boom" && c.GetProperty("detail").GetString() == "stopped through the API");
        await WaitReady(serve, (status, body) => status == 200, "still ready");
        Assert.Single(Regex.Matches(serve.Log, "health: job:boom is failing"));
        Assert.Single(Regex.Matches(serve.Log, "health: job:boom is ok again"));
        Assert.DoesNotMatch("health: job:wind", serve.Log);
    }

    [Fact]
    public async Task ShouldNameKafkaWhenNoBrokerAnswers()
    {
        var closed = ClosedPort();
        await using var serve = new ServeHarness($"127.0.0.1:{closed}");
        var body = await WaitReady(serve, (status, b) => status == 503, "not ready without Kafka");
        Assert.Equal(["kafka"], Failing(body));
        Assert.Contains($"127.0.0.1:{closed} does not answer", body.GetProperty("components")[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, (await serve.Send(HttpMethod.Get, "/health/live")).Status);
        await WaitReady(serve, (status, b) => status == 503, "still not ready");
        Assert.Single(Regex.Matches(serve.Log, "health: kafka is failing"));
    }

    [Fact]
    public async Task ShouldNameTheTsdbWriterWhenItCannotWriteForLongerThanTheLimit()
    {
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 2);
        broker.CreateTopic("results", 2);
        await using var serve = new ServeHarness(servers, "--tsdb", $"http://127.0.0.1:{ClosedPort()}", "--tsdb-topic", "results", "--ready-tsdb-behind", "1s");
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/wind", WindJob)).Status);
        await serve.WaitFor("wind", s => s.GetProperty("state").GetString() == "running", "running");
        var (day1, _) = StreamTestKit.WindRecords(turbines: 1);
        StreamTestKit.Produce(servers, "points", day1);
        await serve.WaitFor("wind", s => s.GetProperty("outputs").GetInt64() > 0, "outputs", 60);
        var body = await WaitReady(serve, (status, b) => status == 503 && Failing(b).Contains("tsdb"), "not ready, naming tsdb", 60);
        Assert.Equal(["tsdb"], Failing(body));
        var tsdb = body.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "tsdb");
        Assert.Matches(@"^\d+ point record\(s\) waiting, no write acknowledged for \d+ s \(limit 1 s\)", tsdb.GetProperty("detail").GetString());
        Assert.True(Regex.Count(serve.Log, "health: tsdb is failing") == 1, serve.Log);
    }

    private static List<string> Failing(JsonElement body) => [.. body.GetProperty("failing").EnumerateArray().Select(f => f.GetString()!)];

    private static async Task<JsonElement> WaitReady(ServeHarness serve, Func<int, JsonElement, bool> done, string what, double seconds = 30)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var (status, body) = await serve.Send(HttpMethod.Get, "/health/ready");
            if (done(status, body))
            {
                return body;
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(seconds), $"{what} within {seconds} s; last {status} {body}; log:\n{serve.Log}");
            await Task.Delay(200);
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
