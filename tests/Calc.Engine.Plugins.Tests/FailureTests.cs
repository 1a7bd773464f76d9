using System.Text;
using Calc.Engine.Files;
using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Engine.Plugins.Tests;

/// <summary>An exception inside a plugin's operator fails that job, naming the plugin, and nothing else.</summary>
public sealed class FailureTests : IDisposable
{
    private readonly TestRoot _root = new();
    private readonly CalcEngine _engine;

    public FailureTests()
    {
        _root.Install("ThrowingPlugin", "test.throwing/3.1.4");
        _root.Install("GoodPlugin", "test.good/1.0.0");
        _engine = _root.Engine(new ProblemList());
    }

    [Fact]
    public async Task ShouldFailOnlyTheJobWhoseOperatorThrowsAndNameThePluginAndAsset()
    {
        var failing = Jobs.Compile(_engine, Throwing("process", "WTG02"), "failing");
        var healthy = Jobs.Compile(_engine, Throwing("none"), "healthy");
        var records = Enumerable.Range(0, 3000).Select(i => Jobs.Record($"WTG0{(i % 3) + 1}", 1000L * (i / 3), i)).ToArray();
        var healthySink = new CollectingSink();
        var healthyLane = new JobInstance(healthy, healthySink);
        healthyLane.Open();
        using var started = new ManualResetEventSlim();

        // The healthy job runs on its own thread while the failing one fails on this one.
        var other = Task.Run(() =>
        {
            for (var i = 0; i < records.Length; i++)
            {
                healthyLane.Process(in records[i]);
                if (i == 100)
                {
                    started.Set();
                }
            }

            healthyLane.FlushAll();
        });
        started.Wait();
        var failingSink = new CollectingSink();
        var failingLane = new JobInstance(failing, failingSink);
        failingLane.Open();
        var error = Assert.Throws<PluginFailedException>(() =>
        {
            foreach (var record in records)
            {
                failingLane.Process(in record);
            }
        });
        failingLane.Close();
        await other;
        healthyLane.Close();

        Assert.Equal("operator test.throwing from plugin test.throwing 3.1.4 failed on asset WTG02: boom in process (InvalidOperationException)", error.Message);
        Assert.Equal(("failing", "pipeline[0]", "test.throwing", "test.throwing", "3.1.4", "Process", "WTG02"),
            (error.JobId, error.StepPath, error.OperatorId, error.PluginId, error.PluginVersion, error.Phase, error.AssetId));
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Same(error, failingLane.Failure);
        Assert.Equal([0.0], failingSink.Records.Select(r => r.Value.Number));
        Assert.Equal(records.Select(r => r.Value.Number), healthySink.Records.Select(r => r.Value.Number));
        Assert.Null(healthyLane.Failure);
    }

    [Theory]
    [InlineData("open", "in Open")]
    [InlineData("watermark", "in OnWatermark on asset WTG01")]
    [InlineData("timer", "in OnTimer")]
    [InlineData("flushAsset", "in FlushAsset on asset WTG01")]
    [InlineData("flushAll", "in FlushAll")]
    [InlineData("checkpoint", "in WriteCheckpoint")]
    [InlineData("close", "in Close")]
    public void ShouldNameThePluginWhicheverCallbackThrows(string failIn, string where)
    {
        var clock = new ManualClock(1_000_000);
        var lane = new JobInstance(Jobs.Compile(_engine, Throwing(failIn)), new CollectingSink(), clock);

        var error = Assert.Throws<PluginFailedException>(() =>
        {
            lane.Open();
            lane.Process(Jobs.Record("WTG01", 5000, 1));
            lane.Tick();                    // the first tick schedules the timer
            clock.NowMs += 2_000;           // past the timer period (1 s) and the job's idleTimeout (1 s)
            lane.Tick();
            lane.WriteCheckpoint(new System.Text.Json.Utf8JsonWriter(Stream.Null));
            lane.FlushAll();
            lane.Close();
        });

        Assert.Equal($"operator test.throwing from plugin test.throwing 3.1.4 failed {where}: boom in {failIn} (InvalidOperationException)", error.Message);
    }

    [Fact]
    public void ShouldBlameTheStepThatThrewNotTheStepsBeforeIt()
    {
        var job = Jobs.Compile(_engine, """{"op":"test.scale","params":{"input":"m::P","output":"m::Q","factor":2}},""" + Throwing("process", null, "m::Q"));
        var lane = new JobInstance(job, new CollectingSink());
        lane.Open();

        var error = Assert.Throws<PluginFailedException>(() => lane.Process(Jobs.Record("WTG01", 1, 1)));

        Assert.Equal(("test.throwing", "pipeline[1]"), (error.PluginId, error.StepPath));
    }

    [Fact]
    public void ShouldKeepTheFirstFailureWhenAnotherOperatorAlsoFailsToClose()
    {
        var job = Jobs.Compile(_engine, Throwing("process") + "," + Throwing("close", null, "m::Q"));
        var lane = new JobInstance(job, new CollectingSink());
        lane.Open();
        var error = Assert.Throws<PluginFailedException>(() => lane.Process(Jobs.Record("WTG01", 1, 1)));

        lane.Close();

        Assert.Equal(("Process", "pipeline[0]"), (error.Phase, error.StepPath));
        Assert.Same(error, lane.Failure);
    }

    [Fact]
    public void ShouldNotBlameAPluginForAnEngineFailureDownstreamOfIt()
    {
        var lane = new JobInstance(Jobs.Compile(_engine, Throwing("none")), new FailingSink());
        lane.Open();

        var error = Assert.Throws<IOException>(() => lane.Process(Jobs.Record("WTG01", 1, 1)));

        Assert.Equal("disk full", error.Message);
        Assert.Null(lane.Failure);
    }

    [Fact]
    public void ShouldReportThePluginFailureOfAFileRunAndStillCloseTheJob()
    {
        var lane = new JobInstance(Jobs.Compile(_engine, Throwing("process", "WTG02")), new CollectingSink());
        var input = new MemoryStream(Encoding.UTF8.GetBytes("""
            {"orgId":"o1","modelId":"m","assetId":"WTG01","pointId":"P","time":1,"value":1}
            {"orgId":"o1","modelId":"m","assetId":"WTG02","pointId":"P","time":1,"value":2}

            """));
        using var rejected = new RejectedWriter(new MemoryStream());

        var error = Assert.Throws<PluginFailedException>(() => new FileJobRunner(lane, rejected).Run(input));

        Assert.Equal("WTG02", error.AssetId);
        Assert.Equal(1, lane.Metrics.Outputs);
        Assert.Equal(1, lane.Metrics.Processed); // the record whose processing failed is not counted as processed
    }

    public void Dispose() => _root.Dispose();

    private static string Throwing(string failIn, string? asset = null, string input = "m::P") =>
        "{\"op\":\"test.throwing\",\"params\":{\"input\":\"" + input + "\",\"output\":\"m::OUT\",\"failIn\":\"" + failIn + "\""
        + (asset is null ? "" : ",\"failOnAsset\":\"" + asset + "\"") + "}}";

    private sealed class FailingSink : IOutputSink
    {
        public void Write(in PointRecord record) => throw new IOException("disk full");

        public void Flush()
        {
        }
    }
}
