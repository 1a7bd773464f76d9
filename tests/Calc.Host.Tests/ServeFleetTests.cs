using System.Text.Json;
using Calc.Engine.Kafka;
using Calc.Engine.Metadata;

namespace Calc.Host.Tests;

/// <summary>
/// <c>GET /assets</c> on <c>calc serve --state</c>: the real PV plant's assets from the store (model, parent,
/// attributes) with each inverter's connection status and latest AC power from the device state, the wind
/// farm's site roll-up, and only the token's org.
/// </summary>
[Collection(DataDirCollection.Name)]
public sealed class ServeFleetTests : DataDirTest
{
    private const string Job = """
        {"id":"fleet","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1h"},
         "policies":[{"input":"inverter::AC_POWER","aggregation":"avg","output":"inverter::AC_POWER_1H"},
                     {"input":"turbine::ActivePower","aggregation":"avg","output":"turbine::P_1H"}],
         "source":{"kafka":{"topic":"points"}},"outputs":{"kafka":{"topic":"results","internal":false}}}
        """;

    [Fact]
    public async Task ShouldShowThePlantsAssetsWithConnectionLatestValuesAndSites()
    {
        Assert.Equal(0, CliRunner.Run("asset", "import", CliRunner.Fixture("solar-plant1-assets.json"), "--org", "o1").Exit);
        string viewerO2;
        using (var store = MetadataStore.Open(Path.Combine(Dir, "data", MetadataStore.FileName)))
        {
            viewerO2 = store.CreateToken("grafana-o2", "o2", "viewer", null).Secret;
        }

        // The plant's first twelve hours of the first day (to noon, when every inverter produces) (22 inverters, 15-minute records) and the wind turbine's first day.
        var plant = File.ReadLines(CliRunner.Fixture("solar-plant1-3days.ndjson")).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(r => r.GetProperty("time").GetInt64() < 1589481000000 + 12 * 3_600_000).ToList();
        var wind = StreamTestKit.WindDayOne();
        var expected = plant.Where(r => r.GetProperty("pointId").GetString() == "AC_POWER")
            .GroupBy(r => r.GetProperty("assetId").GetString()!)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.GetProperty("time").GetInt64()));
        Assert.Equal(22, expected.Count);
        Assert.All(expected.Values, r => Assert.True(r.GetProperty("value").GetDouble() > 100, r.GetRawText()));

        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 2);
        broker.CreateTopic("results", 2);
        broker.CreateTopic(StreamingOptions.DefaultOutputTopic, 1);
        await using var serve = new ServeHarness(servers, "--state", "--inactivity-timeout", "inverter=1d,turbine=1d");
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/fleet", Job)).Status);
        StreamTestKit.Produce(servers, "points", plant.Concat(wind).Select(r => (r.GetProperty("assetId").GetString()!, r.GetRawText())));
        await serve.WaitFor("fleet", s => s.GetProperty("read").GetInt64() == plant.Count + wind.Count, "read every record");

        var inverters = await serve.Poll("/assets?org=o1&model=inverter&point=AC_POWER",
            body => body.GetProperty("assets").EnumerateArray().Count(a => a.GetProperty("latest").ValueKind == JsonValueKind.Object) == 22,
            "the latest AC power of the 22 inverters in the state");

        Assert.Equal((22, false, true), (inverters.GetProperty("total").GetInt32(), inverters.GetProperty("truncated").GetBoolean(), inverters.GetProperty("state").GetBoolean()));
        foreach (var asset in inverters.GetProperty("assets").EnumerateArray())
        {
            var last = expected[asset.GetProperty("id").GetString()!];
            Assert.Equal("PLANT1", asset.GetProperty("parentId").GetString());
            Assert.Equal("online", asset.GetProperty("connection").GetProperty("status").GetString());
            Assert.Equal(last.GetProperty("time").GetInt64(), asset.GetProperty("latest").GetProperty("time").GetInt64());
            Assert.Equal(last.GetProperty("value").GetDouble(), asset.GetProperty("latest").GetProperty("value").GetDouble());
        }

        var (_, all) = await serve.Send(HttpMethod.Get, "/assets?org=o1");
        var byId = all.GetProperty("assets").EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!);
        Assert.Equal(22 + 3, byId.Count); // the inverters, the plant, its weather station and the turbine (seen only in the state)
        Assert.Equal(30000, byId["PLANT1"].GetProperty("attributes").GetProperty("capacity_kWp").GetDouble());
        Assert.Equal(JsonValueKind.Null, byId["PLANT1"].GetProperty("connection").ValueKind);
        Assert.Equal(("turbine", "online"), (byId["T1"].GetProperty("modelId").GetString(), byId["T1"].GetProperty("connection").GetProperty("status").GetString()));
        var site = Assert.Single(all.GetProperty("sites").EnumerateArray());
        Assert.Equal(("wf1", 1, 0), (site.GetProperty("id").GetString(), site.GetProperty("online").GetInt32(), site.GetProperty("offline").GetInt32()));

        // Another org's token sees its own (empty) fleet and is refused o1's.
        var (_, o2) = await serve.Send(HttpMethod.Get, "/assets", token: viewerO2);
        Assert.Equal(("o2", 0), (o2.GetProperty("org").GetString(), o2.GetProperty("total").GetInt32()));
        Assert.Equal(403, (await serve.Send(HttpMethod.Get, "/assets?org=o1", token: viewerO2)).Status);
        Assert.Equal(400, (await serve.Send(HttpMethod.Get, "/assets")).Status);
    }
}
