using System.Diagnostics;
using static Calc.Engine.State.Tests.Records;

namespace Calc.Engine.State.Tests;

/// <summary>The hashes are plain Redis data: the stock redis-cli (Debian redis-tools) reads them.</summary>
public sealed class RedisCliInteropTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>
{
    private async Task<string[]> RedisCliAsync(params string[] args)
    {
        var start = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-h", "127.0.0.1", "-p", garnet.Port.ToString() }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task Should_BeReadableByRedisCli()
    {
        var org = GarnetFixture.NewOrg();
        await using (var writer = new DeviceStateWriter(garnet.Database))
        {
            writer.Observe(Point(org, "INV01", "AC_POWER", 1589500800000, 22.98, site: "plant1"));
        }

        await using (var tracker = new ConnectionTracker(garnet.Database, new ConnectionTrackerOptions(), _ => { }, new FakeClock(1_000)))
        {
            tracker.Observe(Point(org, "INV01", "AC_POWER", 1589500800000, 22.98, site: "plant1"));
        }

        Assert.Equal(["AC_POWER", """{"time":1589500800000,"value":22.98,"quality":0}"""], await RedisCliAsync("HGETALL", $"calc:latest:{org}:INV01"));
        Assert.Equal(["online", "1589500800000"], await RedisCliAsync("HMGET", $"calc:conn:{org}:INV01", "status", "since"));
        Assert.Equal(["1", "0", "1589500800000"], await RedisCliAsync("HMGET", $"calc:site:{org}:plant1", "online", "offline", "time"));
    }
}
