using Calc.Engine.Kafka;
using Calc.Engine.Plugins;
using Calc.Host.Commands;
using Calc.Host.Serve;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Calc.Host.Tests;

/// <summary>
/// The supervisor used to hold one control lock for every job across a job's stop: a stop waiting on a
/// stuck lane blocked every change of every other job. On a fake clock the stuck job's delete stays
/// pending (its stop deadline has not come) while the other job's stop and start answer; advancing the
/// clock by the stop timeout then ends the delete.
/// </summary>
[Collection(DataDirCollection.Name)]
public sealed class JobSupervisorStuckLaneTests : DataDirTest
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    private const string StuckJob = """
        {"id":"stuck","orgId":"o1","pipeline":[{"op":"test.throwing","params":{"input":"turbine::WindSpeed","output":"turbine::WS","stuckIn":"process"}}],
         "source":{"kafka":{"topic":"stuck-points"}},"outputs":{"kafka":{"topic":"stuck-results","internal":false}}}
        """;

    private const string OtherJob = """
        {"id":"other","orgId":"o1","pipeline":[{"op":"test.throwing","params":{"input":"turbine::WindSpeed","output":"turbine::WS"}}],
         "source":{"kafka":{"topic":"points"}},"outputs":{"kafka":{"topic":"results","internal":false}}}
        """;

    [Fact]
    public async Task ShouldAnswerAnotherJobsStopAndStartWhileTheStuckJobsDeleteWaitsForItsDeadline()
    {
        var folder = Path.Combine(Dir, "data", "packs", "test.throwing/3.1.4");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(TestPlugin("ThrowingPlugin")))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        foreach (var topic in new[] { "stuck-points", "stuck-results", "points", "results" })
        {
            broker.CreateTopic(topic, 1);
        }

        var time = new FakeTimeProvider();
        var lines = new LockedWriter();
        var options = new ServeOptions
        {
            BootstrapServers = servers,
            CheckpointDirectory = Path.Combine(Dir, "checkpoints"),
            Time = time,
            StopTimeout = TimeSpan.FromSeconds(10),
            StallTimeout = TimeSpan.Zero, // any batch in the lanes shows, with how long it has been there
        };
        using var store = new StoreGate(MetadataAccess.Open(new ConsoleIo(TextReader.Null, TextWriter.Null, lines), "serve")!);
        using var compiler = new ServeCompiler(new PluginCatalog(EngineFactory.PluginRoots()));
        var jobs = new JobSupervisor(new ServeContext(options, compiler, store, NullLoggerFactory.Instance, lines.WriteLine));
        Assert.True((await jobs.PutAsync("stuck", StuckJob)).Created);
        Assert.True((await jobs.PutAsync("other", OtherJob)).Created);
        StreamTestKit.Produce(servers, "stuck-points", [("T1", """{"orgId":"o1","modelId":"turbine","assetId":"T1","pointId":"WindSpeed","time":1000,"value":7}""")]);

        // The lane takes the record and does not come back; the time it has been there is the fake clock's.
        await Until(() => jobs.Status("stuck")!.Stalled is { Partition: >= 0 }, "the stuck job's lane to take the record");
        Assert.Equal(new StalledLane(0, 0, 0), jobs.Status("stuck")!.Stalled);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(new StalledLane(0, 0, 60), jobs.Status("stuck")!.Stalled);

        var deleting = jobs.DeleteAsync("stuck");
        Assert.Equal(ControlOutcome.Done, await jobs.StopAsync("other").WaitAsync(Generous));
        Assert.Equal(ControlOutcome.Done, await jobs.StartAsync("other", restart: false).WaitAsync(Generous));
        Assert.False(deleting.IsCompleted, "the delete of the stuck job ended before its stop deadline");

        time.Advance(options.StopTimeout);
        Assert.True(await deleting.WaitAsync(Generous));
        Assert.Null(jobs.Status("stuck"));
        var abandoned = Assert.Single(Assert.Single(jobs.DeletedWithAbandonedLanes()).Abandoned);
        Assert.Equal((0, 0L), (abandoned.Partition, abandoned.Offset));
        Assert.Contains("calc serve: job 'stuck' version 1: job 'stuck': a lane was stuck on one record (partition 0, offset 0)", lines.Text, StringComparison.Ordinal);

        await jobs.StopAllAsync().WaitAsync(Generous);
        Assert.Equal("stopped", jobs.Status("other")!.State);
    }

    private static async Task Until(Func<bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "waited in vain for " + what);
            await Task.Delay(50);
        }
    }
}
