using System.Text.Json;
using Calc.Engine.Kafka;
using static Calc.Host.Tests.StreamTestKit;

namespace Calc.Host.Tests;

/// <summary>
/// <c>GET /jobs/{id}/trace</c>: a live tap on a job running on Kafka streams the next matching records'
/// trace lines as Server-Sent Events, only of the asked asset, and detaches by itself after its limit.
/// </summary>
[Collection(DataDirCollection.Name)]
public sealed class ServeLiveTraceTests : DataDirTest
{
    private const string Job = """
        {"id":"live","orgId":"o1","pipeline":[
          {"op":"threshold","input":"turbine::ActivePower","threshold":"[0,1500]"},
          {"op":"template","template":"time-window-aggregation","settings":{"window":"1h"},
           "policies":[{"input":"turbine::ActivePower","aggregation":"avg","output":"turbine::P_1H"}]}],
         "source":{"kafka":{"topic":"points"}},"outputs":{"kafka":{"topic":"results","internal":false}}}
        """;

    private const long Start = 1_514_764_800_000; // 2018-01-01T00:00:00Z

    [Fact]
    public async Task ShouldStreamTheNextRecordsOfOneAsset_AndDetachAfterTheLimit()
    {
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 2);
        broker.CreateTopic("results", 1);
        await using var serve = new ServeHarness(servers);
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/live", Job)).Status);
        await serve.WaitFor("live", s => s.GetProperty("state").GetString() == "running" && s.GetProperty("partitions").GetInt32() == 2, "running on both partitions");

        using var response = await serve.Http.GetAsync("/jobs/live/trace?asset=T1&limit=2&seconds=60", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(409, (await serve.Send(HttpMethod.Get, "/jobs/live/trace?asset=T2")).Status);

        Produce(servers, "points", [Power("T2", 0, 900), Power("T1", 0, 1000), Power("T2", 10, 900), Power("T1", 10, 1612.4), Power("T1", 60, 1200)]);
        var events = await ReadEventsAsync(await response.Content.ReadAsStreamAsync());

        // The first two records of T1 (T2's are not traced, T1's third is past the limit).
        Assert.Equal(
            [
                "trace 2018-01-01T00:00:00Z T1 #0 threshold passed",
                "trace 2018-01-01T00:00:00Z T1 #1 time-window-aggregation passed",
                "trace 2018-01-01T00:00:00Z T1 #1 time-window-aggregation state window 2018-01-01T00:00:00Z–2018-01-01T01:00:00Z of turbine::P_1H: 1 value, avg so far 1000",
                "trace 2018-01-01T00:10:00Z T1 #0 threshold filtered filtered.threshold: 1612.4 outside [0,1500]",
                "end {\"lines\":4,\"reason\":\"limit\"}",
            ],
            events);

        // Detached: another tap may attach now.
        using var again = await serve.Http.GetAsync("/jobs/live/trace?asset=T1&limit=1&seconds=1", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)again.StatusCode);
    }

    [Fact]
    public async Task ShouldRefuseAStoppedJob_AndAMissingAsset()
    {
        using var broker = new EmbeddedKafkaBroker();
        await using var serve = new ServeHarness(broker.Start());
        var noSource = Job.Replace("\"source\":{\"kafka\":{\"topic\":\"points\"}},", "", StringComparison.Ordinal);
        Assert.DoesNotContain("source", noSource, StringComparison.Ordinal);
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/live", noSource)).Status);

        var (stopped, error) = await serve.Send(HttpMethod.Get, "/jobs/live/trace?asset=T1");
        Assert.Equal(409, stopped);
        Assert.Contains("is not running", error.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(400, (await serve.Send(HttpMethod.Get, "/jobs/live/trace")).Status);
        Assert.Equal(404, (await serve.Send(HttpMethod.Get, "/jobs/none/trace?asset=T1")).Status);
    }

    private static async Task<List<string>> ReadEventsAsync(Stream stream)
    {
        using var reader = new StreamReader(stream);
        var events = new List<string>();
        string? name = null;
        while (await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                var data = line[6..];
                if (name == "end")
                {
                    events.Add("end " + data);
                    break;
                }

                var e = JsonDocument.Parse(data).RootElement;
                var detail = e.GetProperty("detail").GetString();
                events.Add($"trace {e.GetProperty("at").GetString()} {e.GetProperty("assetId").GetString()} #{e.GetProperty("step").GetInt32()} {e.GetProperty("operator").GetString()} {e.GetProperty("kind").GetString()}{(string.IsNullOrEmpty(detail) ? "" : " " + detail)}");
            }
        }

        return events;
    }

    private static (string Key, string Json) Power(string asset, int minute, double value) =>
        (asset, $$"""{"orgId":"o1","modelId":"turbine","assetId":"{{asset}}","pointId":"ActivePower","time":{{Start + minute * 60_000}},"value":{{value}}}""");
}
