using System.Text.Json;

namespace Calc.Host.Tests;

/// <summary><c>calc serve</c>'s REST API without Kafka traffic: validation, in-memory test runs, removal.</summary>
[Collection(DataDirCollection.Name)]
public sealed class ServeApiTests : DataDirTest
{
    private const string MergeJob = """
        {"id":"eff","orgId":"o1","template":"multi-point-merging","settings":{"trigger":"point"},
         "policies":[{"output":"inverter::EFF","expression":"${inverter::AC_POWER} * 100 / ${inverter::DC_POWER}","triggerPoint":"inverter::AC_POWER"}]}
        """;

    // Hand-computed: INV01 190/200*100 = 95 at t=1000, then 200/250*100 = 80 at t=2000; INV02 has no DC_POWER
    // (skipped); the o2 record is another org's (filtered); the 5th line is cut off (rejected).
    private const string Records = """
        [{"orgId":"o1","modelId":"inverter","assetId":"INV01","pointId":"DC_POWER","time":1000,"value":200},
         {"orgId":"o1","modelId":"inverter","assetId":"INV01","pointId":"AC_POWER","time":1000,"value":190},
         {"orgId":"o1","modelId":"inverter","assetId":"INV02","pointId":"AC_POWER","time":1000,"value":10},
         {"orgId":"o2","modelId":"inverter","assetId":"INV09","pointId":"AC_POWER","time":1000,"value":10},
         "{\"orgId\":\"o1\",\"modelId\":\"inverter\",\"assetId\":\"INV01\"",
         {"orgId":"o1","modelId":"inverter","assetId":"INV01","pointId":"DC_POWER","time":2000,"value":250},
         {"orgId":"o1","modelId":"inverter","assetId":"INV01","pointId":"AC_POWER","time":2000,"value":200}]
        """;

    [Fact]
    public async Task ShouldListEveryProblemOfAJobWithItsPath()
    {
        await using var serve = new ServeHarness("127.0.0.1:9");
        var (status, body) = await serve.Send(HttpMethod.Put, "/jobs/w", """
            {"id":"other","orgId":"o1","template":"time-window-aggregation","settings":{"window":"ten minutes"},
             "policies":[{"input":"turbine::ActivePower","aggregation":"median","output":"turbine::P"}]}
            """);

        Assert.Equal(400, status);
        var paths = body.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("path").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(["id", "policies[0].aggregation", "settings.window"], paths);
        Assert.Equal(0, (await serve.Send(HttpMethod.Get, "/health")).Body.GetProperty("jobs").GetInt32());
        Assert.Equal(0, await serve.StopAsync());
    }

    [Fact]
    public async Task ShouldRunAMergingJobOverSentRecordsInMemory()
    {
        await using var serve = new ServeHarness("127.0.0.1:9");
        var (status, body) = await serve.Send(HttpMethod.Post, "/test", $$"""{"job":{{MergeJob}},"records":{{Records}}}""");

        Assert.True(status == 200, body.ToString());
        var outputs = body.GetProperty("outputs").EnumerateArray().ToList();
        Assert.Equal([("INV01", "EFF", 1000L, 95.0), ("INV01", "EFF", 2000L, 80.0)], outputs.Select(o =>
            (o.GetProperty("assetId").GetString(), o.GetProperty("pointId").GetString(), o.GetProperty("time").GetInt64(), o.GetProperty("value").GetDouble())));
        var rejected = Assert.Single(body.GetProperty("rejected").EnumerateArray());
        Assert.Equal(5, rejected.GetProperty("line").GetInt32());
        Assert.StartsWith("{\"orgId\":\"o1\"", rejected.GetProperty("raw").GetString(), StringComparison.Ordinal);
        var summary = body.GetProperty("summary");
        Assert.Equal((7, 5, 1, 2), (summary.GetProperty("read").GetInt32(), summary.GetProperty("processed").GetInt32(), summary.GetProperty("rejected").GetInt32(), summary.GetProperty("outputs").GetInt32()));
        Assert.Equal(1, summary.GetProperty("filteredBy").GetProperty("filtered.otherOrg").GetInt32());
        Assert.Equal(1, summary.GetProperty("filtered").GetInt32());
        Assert.Single(summary.GetProperty("filteredBy").EnumerateObject());

        // A skipped evaluation is not a filtered record: it is in the per-policy counters, labelled as such.
        Assert.Equal(1, summary.GetProperty("perPolicy").GetProperty("skipped.missingReference").GetInt32());

        // Nothing was stored or started by a test run.
        Assert.Equal(404, (await serve.Send(HttpMethod.Get, "/jobs/eff")).Status);
    }

    [Fact]
    public async Task ShouldTestAStoredJobOnNdjsonAndForgetItWhenDeleted()
    {
        await using var serve = new ServeHarness("127.0.0.1:9");
        var (put, saved) = await serve.Send(HttpMethod.Put, "/jobs/eff", MergeJob);
        Assert.True(put == 201, saved.ToString());
        Assert.Equal((1, "stopped"), (saved.GetProperty("version").GetInt32(), saved.GetProperty("status").GetProperty("state").GetString()));
        Assert.Equal(200, (await serve.Send(HttpMethod.Put, "/jobs/eff", MergeJob.Replace("\n", " ", StringComparison.Ordinal))).Status);

        var ndjson = string.Join('\n', JsonDocument.Parse(Records).RootElement.EnumerateArray().Select(r => r.ValueKind == JsonValueKind.String ? r.GetString() : r.GetRawText()));
        var (status, body) = await serve.Send(HttpMethod.Post, "/jobs/eff/test", ndjson);
        Assert.True(status == 200, body.ToString());
        Assert.Equal([95.0, 80.0], body.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("value").GetDouble()));
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.Equal(409, (await serve.Send(HttpMethod.Post, "/jobs/eff/start")).Status);

        Assert.Equal(200, (await serve.Send(HttpMethod.Delete, "/jobs/eff")).Status);
        var (gone, error) = await serve.Send(HttpMethod.Get, "/jobs/eff");
        Assert.Equal(404, gone);
        Assert.Contains("PUT /jobs/eff", error.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(404, (await serve.Send(HttpMethod.Delete, "/jobs/eff")).Status);
        Assert.Equal(404, (await serve.Send(HttpMethod.Post, "/jobs/eff/test", ndjson)).Status);
    }
}
