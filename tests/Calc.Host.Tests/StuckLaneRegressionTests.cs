using System.Text.Json;
using Calc.Engine.Kafka;

namespace Calc.Host.Tests;

/// <summary>
/// A lane stuck on one record (a plugin that never returns) used to block every stop, delete, PUT and
/// restart of <c>calc serve</c> and its shutdown, while <c>/health</c> said ok. Now its stop abandons the
/// lane after <c>--stop-timeout</c> without committing the record (the next run reads it again), the
/// stall and the abandonment are reported, and the other job's control and outputs carry on.
/// </summary>
[Collection(DataDirCollection.Name)]
public sealed class StuckLaneRegressionTests : DataDirTest
{
    private const string StuckJob = """
        {"id":"stuck","orgId":"o1","pipeline":[{"op":"test.throwing","params":{"input":"turbine::WindSpeed","output":"turbine::WS","stuckIn":"process"}}],
         "source":{"kafka":{"topic":"stuck-points"}},"outputs":{"kafka":{"topic":"stuck-results","internal":false}}}
        """;

    private const string OtherJob = """
        {"id":"other","orgId":"o1","pipeline":[{"op":"test.throwing","params":{"input":"turbine::WindSpeed","output":"turbine::WS"}}],
         "source":{"kafka":{"topic":"points"}},"outputs":{"kafka":{"topic":"results","internal":false}}}
        """;

    [Fact]
    public async Task ShouldAbandonAStuckLaneOnStop_LeaveItsRecordUncommitted_AndKeepTheOtherJobRunning()
    {
        CopyThrowingPlugin();
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        foreach (var topic in new[] { "stuck-points", "stuck-results", "points", "results" })
        {
            broker.CreateTopic(topic, 1);
        }

        await using var serve = new ServeHarness(servers, "--stop-timeout", "1s", "--stall-timeout", "1s");
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/stuck", StuckJob)).Status);
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/other", OtherJob)).Status);
        StreamTestKit.Produce(servers, "stuck-points", [Record(1_000, 7)]);
        StreamTestKit.Produce(servers, "points", [Record(1_000, 1)]);

        // Stuck on offset 0 of partition 0: the status, /health and /health/ready name the job and the lane.
        var stalled = await serve.WaitFor("stuck", s => Stalled(s), "reported stalled");
        Assert.Equal(0, stalled.GetProperty("stalled").GetProperty("partition").GetInt32());
        Assert.Equal(0, stalled.GetProperty("stalled").GetProperty("offset").GetInt64());
        await serve.WaitFor("other", s => s.GetProperty("outputs").GetInt64() == 1, "one output");
        var (readyStatus, ready) = await serve.Send(HttpMethod.Get, "/health/ready");
        Assert.Equal(503, readyStatus);
        var component = Component(ready, "job:stuck");
        Assert.False(component.GetProperty("ok").GetBoolean());
        Assert.Contains("lane of partition 0 has been on one record (offset 0)", component.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(Component(ready, "job:other").GetProperty("ok").GetBoolean());
        Assert.Equal("degraded", (await serve.Send(HttpMethod.Get, "/health")).Body.GetProperty("status").GetString());

        // Stop answers: the lane is abandoned, the reason is the job's error, in the log and in the audit.
        var (stopStatus, stopped) = await serve.Send(HttpMethod.Post, "/jobs/stuck/stop");
        Assert.Equal(200, stopStatus);
        Assert.Equal("stopped", stopped.GetProperty("state").GetString());
        Assert.Contains("a lane was stuck on one record (partition 0, offset 0)", stopped.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, stopped.GetProperty("abandoned")[0].GetProperty("partition").GetInt32());
        Assert.Contains("calc serve: job 'stuck' version 1: job 'stuck': a lane was stuck", serve.Log, StringComparison.Ordinal);
        var audit = (await serve.Send(HttpMethod.Get, "/audit")).Body;
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "job.abandoned" && e.GetProperty("target").GetString() == "stuck");
        Assert.Contains("abandoned at", Component((await serve.Send(HttpMethod.Get, "/health/ready")).Body, "job:stuck").GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The other job still reads and writes.
        StreamTestKit.Produce(servers, "points", [Record(2_000, 2)]);
        await serve.WaitFor("other", s => s.GetProperty("outputs").GetInt64() == 2, "its second output after the abandonment");

        // Offset 0 was not committed: started again, the job reads it again and is stuck on it again.
        Assert.Equal(200, (await serve.Send(HttpMethod.Post, "/jobs/stuck/start")).Status);
        var again = await serve.WaitFor("stuck", s => Stalled(s), "stalled again");
        Assert.Equal(0, again.GetProperty("stalled").GetProperty("offset").GetInt64());

        // A delete of the stuck job and a restart of the other one, sent together: both answer.
        var deleting = serve.Send(HttpMethod.Delete, "/jobs/stuck");
        var restarting = serve.Send(HttpMethod.Post, "/jobs/other/restart");
        var answers = await Task.WhenAll(deleting, restarting).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal([200, 200], answers.Select(a => a.Status));
        Assert.Equal(404, (await serve.Send(HttpMethod.Get, "/jobs/stuck")).Status);
        StreamTestKit.Produce(servers, "points", [Record(3_000, 3)]);
        await serve.WaitFor("other", s => s.GetProperty("outputs").GetInt64() == 1, "its output after the restart");

        // The abandoned threads still sleep in the plugin: readiness keeps saying so after the delete.
        Assert.Contains("still runs on its thread", Component((await serve.Send(HttpMethod.Get, "/health/ready")).Body, "job:stuck").GetProperty("detail").GetString(), StringComparison.Ordinal);

        // A job stuck while the service shuts down does not hold the shutdown (the harness allows 30 s).
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/stuck2", StuckJob.Replace("\"id\":\"stuck\"", "\"id\":\"stuck2\"", StringComparison.Ordinal))).Status);
        await serve.WaitFor("stuck2", s => Stalled(s), "stalled");
        Assert.Equal(0, await serve.StopAsync());
        Assert.Contains("calc serve: job 'stuck2' version 1: job 'stuck2': a lane was stuck on one record (partition 0, offset 0)", serve.Log, StringComparison.Ordinal);
        Assert.Contains("calc serve: stopped", serve.Log, StringComparison.Ordinal);

        // What reached the output topics: the other job's three outputs, nothing of the stuck jobs.
        var outputs = StreamTestKit.ConsumeAll(servers, "results", partitions: 1)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("value").GetDouble()).Order().ToList();
        Assert.Equal([1.0, 2.0, 3.0], outputs);
        Assert.Empty(StreamTestKit.ConsumeAll(servers, "stuck-results", partitions: 1));
    }

    /// <summary>A stalled lane on a record (a batch is stalled from its start; the record is named once a lane has it).</summary>
    private static bool Stalled(JsonElement status) =>
        status.GetProperty("stalled") is { ValueKind: JsonValueKind.Object } stalled && stalled.GetProperty("partition").GetInt32() >= 0;

    private static JsonElement Component(JsonElement ready, string name) =>
        ready.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static (string Key, string Json) Record(long time, double value) =>
        ("T1", $$"""{"orgId":"o1","modelId":"turbine","assetId":"T1","pointId":"WindSpeed","time":{{time}},"value":{{value}}}""");

    private void CopyThrowingPlugin()
    {
        var folder = Path.Combine(Dir, "data", "packs", "test.throwing/3.1.4");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(TestPlugin("ThrowingPlugin")))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
    }
}
