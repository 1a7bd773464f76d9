using Calc.Engine.Kafka;

namespace Calc.Host.Tests;

/// <summary>
/// Jobs without <c>source.kafka.group</c> used to all join the group <c>calc</c> (the parser's default won over
/// the served job's own), so two jobs on one topic split its partitions and each saw about half of the data.
/// </summary>
[Collection(DataDirCollection.Name)]
public sealed class ServeGroupRegressionTests : DataDirTest
{
    private static string Job(string id, string output) =>
        "{\"id\":\"" + id + "\",\"orgId\":\"o1\",\"template\":\"time-window-aggregation\",\"settings\":{\"window\":\"1d\"},"
        + "\"policies\":[{\"input\":\"turbine::WindSpeed\",\"aggregation\":\"count\",\"output\":\"turbine::" + output + "\"}],"
        + "\"source\":{\"kafka\":{\"topic\":\"points\"}},\"outputs\":{\"kafka\":{\"topic\":\"results\",\"internal\":false}}}";

    [Fact]
    public async Task ShouldGiveEachServedJobWithoutAGroupAllTheRecordsOfItsTopic()
    {
        var (day1, _) = StreamTestKit.WindRecords(turbines: 4);
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 4);
        broker.CreateTopic("results", 4);
        await using var serve = new ServeHarness(servers);

        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/count-a", Job("count-a", "N_A"))).Status);
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/count-b", Job("count-b", "N_B"))).Status);
        await serve.WaitFor("count-a", s => s.GetProperty("partitions").GetInt32() == 4, "assigned all 4 partitions");
        await serve.WaitFor("count-b", s => s.GetProperty("partitions").GetInt32() == 4, "assigned all 4 partitions");
        StreamTestKit.Produce(servers, "points", day1);

        // 4 turbines × (ActivePower, WindSpeed) of day 1: every record reaches both jobs.
        await serve.WaitFor("count-a", s => s.GetProperty("read").GetInt64() == day1.Count, $"read all {day1.Count} records");
        await serve.WaitFor("count-b", s => s.GetProperty("read").GetInt64() == day1.Count, $"read all {day1.Count} records");
        Assert.Equal(0, await serve.StopAsync());

        // 4 turbines x 2 points x 144 ten-minute rows of the real day; with one shared group each job read about half.
        Assert.Equal(1152, day1.Count);
    }
}
