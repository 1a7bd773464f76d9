using System.Text.Json;

namespace Calc.Host.Tests;

/// <summary><c>POST /jobs/{id}/test?trace=</c>: the stored job tried on real records, with each step's verdict on the traced ones.</summary>
[Collection(DataDirCollection.Name)]
public sealed class ServeTraceTests : DataDirTest
{
    [Fact]
    public async Task ShouldReturnTheOutputsAndTheTraceOfTheTracedRecords()
    {
        await using var serve = new ServeHarness("127.0.0.1:9");
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/trace", RunTraceTests.Job)).Status);
        var ndjson = string.Join('\n', [.. File.ReadLines(CliRunner.Fixture("wind-t1-2018-01-01..02.ndjson")).Take(40), RunTraceTests.LateLine]);

        var (status, body) = await serve.Send(HttpMethod.Post, "/jobs/trace/test?trace=T1:turbine::ActivePower&traceTo=2018-01-01T01:00:00Z", ndjson);

        Assert.True(status == 200, body.ToString());
        var rows = body.GetProperty("trace").EnumerateArray().Select(TraceBattery.Row).ToArray();
        Assert.Equal(RunTraceTests.Rows.Select(r => r.Replace("AVG", RunTraceTests.Average(), StringComparison.Ordinal)), rows);
        Assert.Equal(0, body.GetProperty("traceDropped").GetInt64());
        var first = body.GetProperty("outputs")[0];
        Assert.Equal((1514764800000L, RunTraceTests.HourAverage), (first.GetProperty("time").GetInt64(), first.GetProperty("value").GetDouble()));
    }

    [Fact]
    public async Task ShouldRefuseABadTraceTime_AndLeaveTheTraceOutWhenNotAsked()
    {
        await using var serve = new ServeHarness("127.0.0.1:9");
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/trace", RunTraceTests.Job)).Status);

        var (bad, error) = await serve.Send(HttpMethod.Post, "/jobs/trace/test?trace=T1&traceFrom=noon", RunTraceTests.LateLine);
        var (ok, body) = await serve.Send(HttpMethod.Post, "/jobs/trace/test", RunTraceTests.LateLine);

        Assert.Equal((400, 200), (bad, ok));
        Assert.Contains("traceFrom: 'noon' is not a time", error.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(body.TryGetProperty("trace", out _));
    }
}
