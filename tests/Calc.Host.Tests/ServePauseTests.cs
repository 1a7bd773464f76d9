using System.Text.Json;
using Calc.Engine.Kafka;
using static Calc.Host.Tests.StreamTestKit;

namespace Calc.Host.Tests;

/// <summary>
/// <c>POST /jobs/{id}/pause</c> and <c>/resume</c>: a paused job reads nothing more (its lag shows what
/// waits) and keeps its offsets and window state; resumed, it reads on, and each hour is output once,
/// with the value an uninterrupted run gives.
/// </summary>
[Collection(DataDirCollection.Name)]
public sealed class ServePauseTests : DataDirTest
{
    private const string Job = """
        {"id":"avg","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1h"},
         "policies":[{"input":"turbine::ActivePower","aggregation":"avg","output":"turbine::P_1H"}],
         "source":{"kafka":{"topic":"points"}},"outputs":{"kafka":{"topic":"results","internal":false}}}
        """;

    private const long Hour = 3_600_000;

    [Fact]
    public async Task ShouldKeepOffsetsAndStateWhilePausedAndOutputEachWindowOnceAfterResume()
    {
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 1);
        broker.CreateTopic("results", 1);
        await using var serve = new ServeHarness(servers);
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/avg", Job)).Status);

        Produce(servers, "points", [Power(0, 10, 10), Power(0, 20, 20)]);
        await serve.WaitFor("avg", s => s.GetProperty("read").GetInt64() == 2, "read hour 0");

        var (status, paused) = await serve.Send(HttpMethod.Post, "/jobs/avg/pause");
        Assert.Equal((200, "paused"), (status, paused.GetProperty("state").GetString()));
        Produce(servers, "points", [Power(1, 10, 30), Power(1, 20, 50), Power(2, 10, 70)]);
        // The three records wait in Kafka: the lag counts them, nothing is read, hour 0 is still open.
        var waiting = await serve.WaitFor("avg", s => s.GetProperty("lag").GetInt64() == 3, "a lag of the 3 records produced while paused");
        Assert.Equal((2L, 0L, "paused"), (waiting.GetProperty("read").GetInt64(), waiting.GetProperty("outputs").GetInt64(), waiting.GetProperty("state").GetString()));
        var health = (await serve.Send(HttpMethod.Get, "/health/ready")).Body;
        Assert.Contains(health.GetProperty("components").EnumerateArray(), c => c.GetProperty("name").GetString() == "job:avg" && c.GetProperty("ok").GetBoolean());

        var (resumedStatus, resumed) = await serve.Send(HttpMethod.Post, "/jobs/avg/resume");
        Assert.Equal((200, "running"), (resumedStatus, resumed.GetProperty("state").GetString()));
        await serve.WaitFor("avg", s => s.GetProperty("read").GetInt64() == 5 && s.GetProperty("lag").GetInt64() == 0, "read the 3 records after resuming");
        Assert.Equal(0, await serve.StopAsync());

        // Hours 0 and 1 closed (hour 2 is still open when the job stops): each once, from state kept across the pause.
        var outputs = ConsumeAll(servers, "results", partitions: 1).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var closed = outputs.Where(o => o.GetProperty("time").GetInt64() < Start + 2 * Hour)
            .Select(o => (o.GetProperty("time").GetInt64(), o.GetProperty("value").GetDouble())).ToList();
        Assert.Equal([(Start, 15.0), (Start + Hour, 40.0)], closed);
    }

    [Fact]
    public async Task ShouldRefuseToPauseAJobThatIsNotRunning()
    {
        using var broker = new EmbeddedKafkaBroker();
        await using var serve = new ServeHarness(broker.Start());
        Assert.Equal(404, (await serve.Send(HttpMethod.Post, "/jobs/none/pause")).Status);
        var noSource = Job.Replace("""
            "source":{"kafka":{"topic":"points"}},
            """, "", StringComparison.Ordinal);
        Assert.DoesNotContain("source", noSource, StringComparison.Ordinal);
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/avg", noSource)).Status);
        var (status, body) = await serve.Send(HttpMethod.Post, "/jobs/avg/pause");
        Assert.Equal((409, "job 'avg' is not running, so it cannot be paused or resumed: POST /jobs/avg/start starts it"), (status, body.GetProperty("error").GetString()));
    }

    private const long Start = 1_699_999_200_000; // an hour's start

    private static (string Key, string Json) Power(int hour, int minute, double value) =>
        ("T1", $$"""{"orgId":"o1","modelId":"turbine","assetId":"T1","pointId":"ActivePower","time":{{Start + hour * Hour + minute * 60_000}},"value":{{value}}}""");
}
