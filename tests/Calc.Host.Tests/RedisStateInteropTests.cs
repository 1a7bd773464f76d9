using System.Text.Json;

namespace Calc.Host.Tests;

/// <summary><c>calc run --state redis://…</c> against a real Redis: what it leaves is read back with the stock <c>redis-cli</c>.</summary>
public sealed class RedisStateInteropTests
{
    private const string Job = """
        {"id":"redis-interop","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1h"},
         "policies":[{"input":"turbine::ActivePower","aggregation":"avg","output":"turbine::P_1H"}]}
        """;

    [Fact]
    public void ShouldLeaveLatestValuesConnectionStatusAndSiteCountsInRedis()
    {
        using var redis = RedisServerProcess.Start();
        var dir = CliRunner.TempDir();
        File.WriteAllText(Path.Combine(dir, "job.json"), Job);
        var input = CliRunner.Fixture("wind-t1-2018-01-01..02.ndjson");
        var output = Path.Combine(dir, "out.ndjson");

        var (exit, _, error) = CliRunner.Run("run", Path.Combine(dir, "job.json"), "--input", input, "--output", output, "--state", redis.Url);

        Assert.True(exit == 0, error);
        Assert.Contains($"device state in 127.0.0.1:{redis.Port}", error, StringComparison.Ordinal);
        var lastPower = LastRecord(File.ReadLines(input), "ActivePower");
        var lastAverage = LastRecord(File.ReadLines(output), "P_1H");
        AssertLatest(redis.Cli("HGET", "calc:latest:o1:T1", "ActivePower").Single(), lastPower);
        AssertLatest(redis.Cli("HGET", "calc:latest:o1:T1", "P_1H").Single(), lastAverage);
        Assert.Equal(["online", "wf1", "turbine"], redis.Cli("HMGET", "calc:conn:o1:T1", "status", "siteId", "modelId"));
        var firstTime = JsonDocument.Parse(File.ReadLines(input).First()).RootElement.GetProperty("time").GetInt64();
        Assert.Equal(firstTime.ToString(System.Globalization.CultureInfo.InvariantCulture), redis.Cli("HGET", "calc:conn:o1:T1", "since").Single());
        Assert.Equal(["1", "0"], redis.Cli("HMGET", "calc:site:o1:wf1", "online", "offline"));
    }

    /// <summary>The record of the point with the largest time (the last one of that time: upserts).</summary>
    private static (long Time, double Value) LastRecord(IEnumerable<string> lines, string pointId)
    {
        (long Time, double Value) last = (long.MinValue, 0);
        foreach (var line in lines)
        {
            JsonElement r;
            try
            {
                r = JsonDocument.Parse(line).RootElement;
            }
            catch (JsonException)
            {
                continue;
            }

            if (r.TryGetProperty("pointId", out var p) && p.GetString() == pointId && r.GetProperty("value").ValueKind == JsonValueKind.Number
                && r.GetProperty("time").GetInt64() >= last.Time)
            {
                last = (r.GetProperty("time").GetInt64(), r.GetProperty("value").GetDouble());
            }
        }

        Assert.NotEqual(long.MinValue, last.Time);
        return last;
    }

    private static void AssertLatest(string json, (long Time, double Value) expected)
    {
        var stored = JsonDocument.Parse(json).RootElement;
        Assert.Equal(["time", "value", "quality"], stored.EnumerateObject().Select(p => p.Name));
        Assert.Equal(expected.Time, stored.GetProperty("time").GetInt64());
        Assert.Equal(expected.Value, stored.GetProperty("value").GetDouble(), 9);
        Assert.Equal(0, stored.GetProperty("quality").GetInt32());
    }
}
