using Calc.Engine.Kafka;

namespace Calc.Host.Tests;

/// <summary>An admin's <c>POST /jobs/{id}/stop</c> outlives a restart of <c>calc serve</c>; <c>start</c> clears it.</summary>
[Collection(DataDirCollection.Name)]
public sealed class ServeStopTests : DataDirTest
{
    private const string Job = """
        {"id":"wind","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1h"},
         "policies":[{"input":"turbine::ActivePower","aggregation":"avg","output":"turbine::P_1H"}],
         "source":{"kafka":{"topic":"points"}},"outputs":{"kafka":{"topic":"results","internal":false}}}
        """;

    [Fact]
    public async Task ShouldKeepAStoppedJobStoppedAcrossARestart_UntilItIsStarted()
    {
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 1);
        broker.CreateTopic("results", 1);
        await using (var serve = new ServeHarness(servers))
        {
            Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/wind", Job)).Status);
            await serve.WaitFor("wind", s => s.GetProperty("state").GetString() == "running", "running");
            Assert.Equal(200, (await serve.Send(HttpMethod.Post, "/jobs/wind/stop")).Status);
            Assert.Equal(0, await serve.StopAsync());
        }

        await using (var serve = new ServeHarness(servers))
        {
            var (_, body) = await serve.Send(HttpMethod.Get, "/jobs/wind");
            Assert.Equal("stopped", body.GetProperty("status").GetProperty("state").GetString());
            Assert.Contains("1 on Kafka at " + servers + " (1 left stopped by POST /jobs/{id}/stop: POST /jobs/{id}/start runs them)", serve.Log, StringComparison.Ordinal);
            Assert.Equal(200, (await serve.Send(HttpMethod.Post, "/jobs/wind/start")).Status);
            await serve.WaitFor("wind", s => s.GetProperty("state").GetString() == "running", "running after start");
            Assert.Equal(0, await serve.StopAsync());
        }

        // Stopping the service is not an admin's stop: the job runs again at the next start.
        await using (var serve = new ServeHarness(servers))
        {
            await serve.WaitFor("wind", s => s.GetProperty("state").GetString() == "running", "running after a restart");
        }
    }
}
