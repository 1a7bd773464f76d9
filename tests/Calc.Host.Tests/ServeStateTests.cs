using System.Text.Json;
using Calc.Engine.Kafka;
using Calc.Engine.State;

namespace Calc.Host.Tests;

/// <summary>
/// <c>calc serve --state</c>: a served job keeps device state in the embedded Garnet as <c>calc run
/// --state</c> does — the latest input and output values, connection status and the site roll-up —
/// and the connection change goes to the default output topic.
/// </summary>
[Collection(DataDirCollection.Name)]
public sealed class ServeStateTests : DataDirTest
{
    private const string WindJob = """
        {"id":"wind","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1h"},
         "policies":[{"input":"turbine::ActivePower","aggregation":"avg","output":"turbine::P_1H"}],
         "source":{"kafka":{"topic":"points"}},"outputs":{"kafka":{"topic":"results","internal":false}}}
        """;

    [Fact]
    public async Task ShouldKeepLatestValuesConnectionStatusAndSiteRollupOfServedJobs()
    {
        var day1 = StreamTestKit.WindDayOne();
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 2);
        broker.CreateTopic("results", 2);
        broker.CreateTopic(StreamingOptions.DefaultOutputTopic, 1);
        await using (var serve = new ServeHarness(servers, "--state", "--inactivity-timeout", "turbine=1h"))
        {
            Assert.Contains("calc serve: device state (latest values, connection status, site roll-ups) in the embedded Garnet at 127.0.0.1:", serve.Log, StringComparison.Ordinal);
            Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/wind", WindJob)).Status);
            StreamTestKit.Produce(servers, "points", day1.Select(r => ("T1", r.GetRawText())));
            await serve.WaitFor("wind", s => s.GetProperty("read").GetInt64() == day1.Count, $"read the {day1.Count} records");
            var exit = await serve.StopAsync();
            Assert.True(exit == 0, serve.Log);
        }

        var outputs = StreamTestKit.ConsumeAll(servers, "results", partitions: 2).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var lastOutput = outputs.Where(o => o.GetProperty("pointId").GetString() == "P_1H").MaxBy(o => o.GetProperty("time").GetInt64());
        var lastPower = day1.Where(r => r.GetProperty("pointId").GetString() == "ActivePower").MaxBy(r => r.GetProperty("time").GetInt64());
        var events = StreamTestKit.ConsumeAll(servers, StreamingOptions.DefaultOutputTopic, partitions: 1);

        // The service is stopped: its embedded Garnet's data directory is free to open, as an admin's redis-cli would see it.
        await using var state = await StateConnection.OpenAsync(new StateConnectionOptions { Embedded = new EmbeddedGarnetOptions { DataDirectory = Path.Combine(Dir, "data", "garnet") } });
        var db = state.Database;
        Assert.Equal(Latest(lastPower), (string?)await db.HashGetAsync(StateKeys.Latest("o1", "T1"), "ActivePower"));
        Assert.Equal(Latest(lastOutput), (string?)await db.HashGetAsync(StateKeys.Latest("o1", "T1"), "P_1H"));
        Assert.Equal("online", (string?)await db.HashGetAsync(StateKeys.Connection("o1", "T1"), "status"));
        Assert.Equal(day1.Min(r => r.GetProperty("time").GetInt64()).ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)await db.HashGetAsync(StateKeys.Connection("o1", "T1"), "since"));
        Assert.Equal("1", (string?)await db.HashGetAsync(StateKeys.Site("o1", "wf1"), "online"));
        var online = Assert.Single(events);
        Assert.Contains("\"pointId\":\"__connection\"", online, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"online\"", online, StringComparison.Ordinal);
    }

    /// <summary>The stored JSON of a record's latest value.</summary>
    private static string Latest(JsonElement record) =>
        $$"""{"time":{{record.GetProperty("time").GetInt64()}},"value":{{record.GetProperty("value").GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture)}},"quality":0}""";
}
