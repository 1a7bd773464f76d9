using System.Text.Json;
using Calc.Engine.Kafka;
using Calc.Engine.Metadata;

namespace Calc.Host.Tests;

/// <summary><c>GET /series</c>: a served job's outputs read back from the embedded TSDB (<c>--tsdb</c>), raw and in buckets, for the token's org only.</summary>
[Collection(DataDirCollection.Name)]
public sealed class ServeSeriesTests : DataDirTest
{
    private const string WindJob = """
        {"id":"wind","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1h"},
         "policies":[{"input":"turbine::ActivePower","aggregation":"avg","output":"turbine::P_1H"}],
         "source":{"kafka":{"topic":"points"}},"outputs":{"kafka":{"topic":"results","internal":false}}}
        """;

    [Fact]
    public async Task ShouldReadAServedJobsOutputsBackFromTheEmbeddedTsdb()
    {
        Directory.CreateDirectory(Path.Combine(Dir, "data"));
        string viewerO2;
        using (var store = MetadataStore.Open(Path.Combine(Dir, "data", MetadataStore.FileName)))
        {
            viewerO2 = store.CreateToken("grafana-o2", "o2", "viewer", null).Secret;
        }

        var day1 = StreamTestKit.WindDayOne();
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 2);
        broker.CreateTopic("results", 2);
        await using var serve = new ServeHarness(servers, "--tsdb", "--tsdb-topic", "results");
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/wind", WindJob)).Status);
        StreamTestKit.Produce(servers, "points", day1.Select(r => ("T1", r.GetRawText())));
        await serve.WaitFor("wind", s => s.GetProperty("read").GetInt64() == day1.Count, $"read the {day1.Count} records");

        // Every hour of the day but the last (still open) is closed: 23 hourly averages, as the job computed them.
        var expected = day1.Where(r => r.GetProperty("pointId").GetString() == "ActivePower")
            .GroupBy(r => r.GetProperty("time").GetInt64() / 3_600_000 * 3_600_000)
            .OrderBy(g => g.Key).Take(23)
            .ToDictionary(g => g.Key, g => g.Average(r => r.GetProperty("value").GetDouble()));
        var raw = await serve.Poll("/series?asset=T1&point=turbine::P_1H&org=o1", b => b.TryGetProperty("samples", out var s) && s.GetArrayLength() >= 23, "23 hourly averages in the TSDB");
        var samples = raw.GetProperty("samples").EnumerateArray().Take(23).ToList();
        Assert.Equal(expected.Keys, samples.Select(s => s.GetProperty("time").GetInt64()));
        foreach (var sample in samples)
        {
            Assert.Equal(expected[sample.GetProperty("time").GetInt64()], sample.GetProperty("value").GetDouble(), 9);
            Assert.Equal(("o1", "turbine"), (sample.GetProperty("org").GetString(), sample.GetProperty("modelId").GetString()));
        }

        // In 6-hour buckets, the maximum of the hourly averages: calc query's --every and --agg.
        var first = expected.Keys.Min();
        var (_, buckets) = await serve.Send(HttpMethod.Get, $"/series?asset=T1&point=turbine::P_1H&from={first}&to={first + 6 * 3_600_000}&every=6h&agg=max");
        var bucket = Assert.Single(buckets.GetProperty("samples").EnumerateArray());
        Assert.Equal(expected.Where(e => e.Key < first + 6 * 3_600_000).Max(e => e.Value), bucket.GetProperty("value").GetDouble(), 9);

        // Another org sees none of it; bad arguments list every problem.
        var (_, other) = await serve.Send(HttpMethod.Get, "/series?asset=T1&point=turbine::P_1H", token: viewerO2);
        Assert.Equal(0, other.GetProperty("samples").GetArrayLength());
        Assert.Equal(403, (await serve.Send(HttpMethod.Get, "/series?asset=T1&point=P_1H&org=o1", token: viewerO2)).Status);
        var (badStatus, bad) = await serve.Send(HttpMethod.Get, "/series?point=P_1H&every=6h");
        Assert.Equal(400, badStatus);
        Assert.Equal(2, bad.GetProperty("problems").GetArrayLength());
    }
}
