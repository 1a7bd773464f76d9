using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Calc.Engine.Kafka;

namespace Calc.Host.Tests;

/// <summary>
/// <c>GET /metrics</c> of <c>calc serve</c> scraped by a real Prometheus while the real wind data streams
/// through a served job: PromQL over Prometheus' HTTP API gives the job's input rate, its consumer lag
/// per partition, and the exact number of records read.
/// </summary>
[Collection(DataDirCollection.Name)]
public sealed class ServeMetricsTests : DataDirTest
{
    private const string WindJob = """
        {"id":"wind","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1h"},
         "policies":[{"input":"turbine::ActivePower","aggregation":"avg","output":"turbine::P_1H"}],
         "source":{"kafka":{"topic":"points"}},"outputs":{"kafka":{"topic":"results","internal":false}}}
        """;

    [Fact]
    public async Task ShouldBeScrapedByPrometheusWithTheJobsInputRateAndConsumerLag()
    {
        var started = DateTimeOffset.UtcNow;
        var (day1, _) = StreamTestKit.WindRecords(turbines: 4);
        var newest = day1.Max(r => JsonDocument.Parse(r.Json).RootElement.GetProperty("time").GetInt64());
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 4);
        broker.CreateTopic("results", 4);
        await using var serve = new ServeHarness(servers);
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/wind", WindJob)).Status);
        await serve.WaitFor("wind", s => s.GetProperty("state").GetString() == "running" && s.GetProperty("partitions").GetInt32() == 4, "running on 4 partitions");
        using var prometheus = await PrometheusServer.StartAsync(serve.Http.BaseAddress!.Authority);

        // The stream: day 1 in 20 chunks, half a second apart (about 10 s), while Prometheus scrapes every second.
        var chunk = (day1.Count + 19) / 20;
        var streaming = Task.Run(async () =>
        {
            for (var i = 0; i < day1.Count; i += chunk)
            {
                StreamTestKit.Produce(servers, "points", day1.Skip(i).Take(chunk));
                await Task.Delay(500);
            }
        });

        var rate = await prometheus.WaitForAsync("rate(calc_job_records_total{job=\"wind\",org=\"o1\"}[30s])", r => r.Count == 1 && r[0].Value > 0, "a positive input rate while the stream runs", 60);
        Assert.Equal("o1", rate[0].Labels["org"]);
        var lag = await prometheus.WaitForAsync("calc_job_consumer_lag{job=\"wind\"}", r => r.Count == 4, "the consumer lag of each of the 4 partitions");
        Assert.Equal(["0", "1", "2", "3"], lag.Select(l => l.Labels["partition"]).Order(StringComparer.Ordinal));
        Assert.All(lag, l => Assert.True(l.Value >= 0));
        await streaming;

        // Once everything is read: Prometheus has the exact count and no lag left.
        await serve.WaitFor("wind", s => s.GetProperty("read").GetInt64() == day1.Count, $"read the {day1.Count} records");
        await prometheus.WaitForAsync("calc_job_records_total{job=\"wind\"}", r => r.Count == 1 && r[0].Value == day1.Count, $"{day1.Count} records in Prometheus");
        await prometheus.WaitForAsync("sum(calc_job_consumer_lag{job=\"wind\"})", r => r.Count == 1 && r[0].Value == 0, "no lag once all is read");
        var latency = await prometheus.WaitForAsync("calc_job_processing_latency_seconds_count{job=\"wind\"}", r => r.Count == 1 && r[0].Value > 0, "processing latency observations");
        Assert.True(latency[0].Value <= day1.Count, "one latency observation per batch, never more than one per record");

        // The day is from 2018: event-time lag is at least from its newest record to the start of this test.
        var eventLag = await prometheus.WaitForAsync("calc_job_event_time_lag_worst_seconds{job=\"wind\"}", r => r.Count == 1, "the worst event-time lag");
        Assert.True(eventLag[0].Value >= (started.ToUnixTimeMilliseconds() - newest) / 1000.0, $"event-time lag {eventLag[0].Value} s");
        var p99 = await prometheus.QueryAsync("calc_job_event_time_lag_p99_seconds{job=\"wind\"}");
        Assert.True(p99.Count == 1 && p99[0].Value <= eventLag[0].Value, "the p99 is at most the worst");

        // The same numbers straight from /metrics, with the process metrics.
        var text = await serve.Http.GetStringAsync("/metrics");
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"calc_job_records_total{{otel_scope_name=\"Calc.Serve\",job=\"wind\",org=\"o1\"}} {day1.Count}"), text, StringComparison.Ordinal);
        Assert.Contains("dotnet_process_cpu_time_seconds_total", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections_total", text, StringComparison.Ordinal);
        Assert.DoesNotContain("asset", text.Split('\n').Where(l => l.StartsWith("calc_", StringComparison.Ordinal)).Aggregate("", (a, l) => a + l), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ShouldTakeADeletedJobsSeriesOutOfMetrics()
    {
        var (day1, _) = StreamTestKit.WindRecords(turbines: 1);
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 1);
        broker.CreateTopic("results", 1);
        StreamTestKit.Produce(servers, "points", day1);
        await using var serve = new ServeHarness(servers);
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/wind", WindJob)).Status);
        await serve.WaitFor("wind", s => s.GetProperty("read").GetInt64() == day1.Count, $"read the {day1.Count} records");
        var before = (await serve.Http.GetStringAsync("/metrics")).Split('\n');
        Assert.Contains(before, l => l.StartsWith("calc_job_processing_latency_seconds_count{", StringComparison.Ordinal) && l.Contains("job=\"wind\"", StringComparison.Ordinal));

        Assert.Equal(200, (await serve.Send(HttpMethod.Delete, "/jobs/wind")).Status);
        _ = await serve.Http.GetStringAsync("/metrics");
        var after = await serve.Http.GetStringAsync("/metrics");

        Assert.DoesNotContain("job=\"wind\"", after, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections_total", after, StringComparison.Ordinal);
    }
}
