using System.Globalization;
using System.Text.Json;
using Calc.Engine.Hosting.Serve.Isolation;
using Calc.Engine.Kafka;
using Calc.Engine.Plugins;
using Calc.Host.Commands;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Calc.Host.Tests;

/// <summary>
/// <c>calc serve --isolation untrusted</c>: a plugin that ends its process (<c>Environment.Exit</c>, a stack
/// overflow, running out of memory) or loops forever on a record runs in a worker process of its own, so
/// only its job fails, with the reason, while a trusted job on the same topic, in the service's process,
/// computes exactly what it computes alone. The clock of the stall timeout and the backoff is fake.
/// </summary>
[Collection(DataDirCollection.Name)]
public sealed class ServeIsolationTests : DataDirTest
{
    private const int Records = 40;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);

    private const string HealthyJob = """
        {"id":"healthy","orgId":"o1","pipeline":[{"op":"expression","expression":"${m::x} * 3","output":"m::y"}],
         "source":{"kafka":{"topic":"points"}},"outputs":{"kafka":{"topic":"healthy-results","internal":false}}}
        """;

    [Theory]
    [InlineData("exit", "ended by itself with exit code 3: a plugin or script called Environment.Exit(3)")]
    [InlineData("stackOverflow", "ended with a stack overflow (exit 134)")]
    [InlineData("allocate", "ran out of memory (its managed heap reached the worker limit of 256 MB, --worker-memory)")]
    public async Task ShouldFailOnlyTheJobWhoseWorkerProcessEnds(string misbehave, string reason)
    {
        var (status, healthy) = await RunNextToHealthyJob(misbehave, advanceUntilFailed: false);
        Assert.True(status.Error?.Contains(reason, StringComparison.Ordinal), status.Error);
        Assert.Contains("only this job is affected: its records wait in Kafka and are read again from its last commit", status.Error, StringComparison.Ordinal);
        Assert.Equal(Expected(), healthy);
    }

    [Fact]
    public async Task ShouldKillTheWorkerOfAPluginThatLoopsForeverAfterTheStallTimeout()
    {
        var (status, healthy) = await RunNextToHealthyJob("spin", advanceUntilFailed: true);
        Assert.Matches(@"^its worker process \d+ made no progress for \d+(\.\d)? s on partition 0, offset 0 \(stall timeout 60 s\): a plugin or script loops or blocks on that record; it was killed", status.Error);
        Assert.Equal(Expected(), healthy);
    }

    [Fact]
    public void ShouldRefuseABadIsolationOrWorkerMemoryOption()
    {
        var (exit, _, error) = CliRunner.Run("serve", "--isolation", "some", "--worker-memory", "12MB");
        Assert.Equal(2, exit);
        Assert.Contains("calc serve: --isolation 'some' must be none (every job in this process), untrusted (jobs with a C# script or an installed plugin each in a worker process) or all (every job in a worker process)", error, StringComparison.Ordinal);

        Assert.Contains("calc serve: --worker-memory '12MB' must be a whole number of KB, MB or GB of at least 64 MB (e.g. 512MB or 2GB): the heap limit of each isolated job's worker process", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":"j","orgId":"o1","pipeline":[{"op":"script","script":"return ${m::x} * 2;","output":"m::y"}]}""", true)]
    [InlineData("""{"id":"j","orgId":"o1","pipeline":[{"op":"test.throwing","params":{"input":"m::x","output":"m::y"}}]}""", true)]
    [InlineData("""{"id":"j","orgId":"o1","pipeline":[{"op":"expression","expression":"${m::x} * 2","output":"m::y"}]}""", false)]
    [InlineData("""{"id":"j","orgId":"o1","pipeline":[{"op":"threshold","input":"m::x","threshold":"[0,10]"},{"op":"select","points":["m::x"]}]}""", false)]
    [InlineData("""{"id":"j","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1h"},"policies":[{"input":"m::x","aggregation":"avg","output":"m::x_1h"}]}""", false)]
    public void ShouldIsolateUnderUntrustedOnlyScriptsAndInstalledPlugins(string job, bool untrusted)
    {
        InstallThrowingPlugin();
        using var compiler = new ServeCompiler(new PluginCatalog(EngineFactory.PluginRoots()));
        var problems = new Calc.Sdk.ProblemList();
        var compiled = compiler.CompileForRun(job, problems);
        Assert.True(compiled is not null, string.Join("; ", problems.Items));
        using var lease = compiled.Value.Lease;
        using var compiledJob = compiled.Value.Job;
        Assert.Equal(untrusted, compiler.IsUntrusted(compiledJob));
    }

    [Fact]
    public async Task ShouldShowAnIsolatedJobsCountersAndStopItsWorker()
    {
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 1);
        broker.CreateTopic("healthy-results", 1);
        var lines = new LockedWriter();
        var options = new ServeOptions
        {
            BootstrapServers = servers,
            CheckpointDirectory = Path.Combine(Dir, "checkpoints"),
            Time = new FakeTimeProvider(),
            Isolation = JobIsolation.All,
            WorkerCommand = ["dotnet", Path.Combine(AppContext.BaseDirectory, "calc.dll")],
        };
        using var store = new StoreGate(MetadataAccess.Open(new ConsoleIo(TextReader.Null, TextWriter.Null, lines), "serve")!);
        using var compiler = new ServeCompiler(new PluginCatalog(EngineFactory.PluginRoots()));
        var jobs = new JobSupervisor(new ServeContext(options, compiler, store, NullLoggerFactory.Instance, lines.WriteLine));
        Assert.True((await jobs.PutAsync("healthy", HealthyJob)).Created);
        StreamTestKit.Produce(servers, "points", Input());

        await Until(() => jobs.Status("healthy")!.Outputs >= Records && jobs.Status("healthy")!.Worker is { WorkingSetBytes: > 0 }, "the isolated job's outputs", lines);
        var status = jobs.Status("healthy")!;
        Assert.Equal(("running", Records, Records, 0L, 1), (status.State, status.Read, status.Outputs, status.Rejected, status.Partitions));
        using var worker = System.Diagnostics.Process.GetProcessById(status.Worker!.Pid);
        Assert.Contains($"calc serve: job 'healthy' version 1 runs in worker process {status.Worker.Pid} (--isolation all)", lines.Text, StringComparison.Ordinal);

        // A served replay or a recompute cannot reach a worker: refused with what to do instead, nothing stored or stopped.
        var replay = new Calc.Engine.Metadata.JobReplay("healthy", 1, 0, null, DateTimeOffset.UnixEpoch, "test");
        Assert.Equal(ControlOutcome.Isolated, (await jobs.ReplayAsync(replay)).Outcome);
        var refused = Assert.Single((await jobs.PutAsync("healthy", HealthyJob.Replace("* 3", "* 4", StringComparison.Ordinal), replay)).Problems);
        Assert.Equal(("recomputeFrom", JobSupervisor.IsolatedReplay), (refused.Path, refused.Message));
        Assert.Null(store.Use(s => s.JobReplay("healthy")));
        Assert.Equal((1, "running"), (store.Use(s => s.Job("healthy"))!.Version, jobs.Status("healthy")!.State));

        Assert.Equal(ControlOutcome.Done, await jobs.StopAsync("healthy").WaitAsync(Generous));
        Assert.True(worker.HasExited, "the worker still runs after the stop");
        var stopped = jobs.Status("healthy")!;
        Assert.Equal(("stopped", null, null), (stopped.State, stopped.Error, stopped.Worker)); // it drained and reported its stop: no kill
        Assert.Equal(Expected(), Values(StreamTestKit.ConsumeAll(servers, "healthy-results", partitions: 1)));
    }

    private async Task<(JobStatus Bad, Dictionary<string, double> Healthy)> RunNextToHealthyJob(string misbehave, bool advanceUntilFailed)
    {
        InstallThrowingPlugin();
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        foreach (var topic in new[] { "points", "healthy-results", "bad-results" })
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
            StallTimeout = TimeSpan.FromSeconds(60),
            MinBackoff = TimeSpan.FromHours(1), // a failed job is not started again during the test
            MaxBackoff = TimeSpan.FromHours(1),
            Isolation = JobIsolation.Untrusted,
            WorkerCommand = ["dotnet", Path.Combine(AppContext.BaseDirectory, "calc.dll")],
            WorkerMemoryLimit = 256L << 20,
        };
        using var store = new StoreGate(MetadataAccess.Open(new ConsoleIo(TextReader.Null, TextWriter.Null, lines), "serve")!);
        using var compiler = new ServeCompiler(new PluginCatalog(EngineFactory.PluginRoots()));
        var jobs = new JobSupervisor(new ServeContext(options, compiler, store, NullLoggerFactory.Instance, lines.WriteLine));
        var bad = """{"id":"bad","orgId":"o1","pipeline":[{"op":"test.throwing","params":{"input":"m::x","output":"m::z","misbehave":"MODE"}}],"""
            .Replace("MODE", misbehave, StringComparison.Ordinal)
            + """ "source":{"kafka":{"topic":"points"}},"outputs":{"kafka":{"topic":"bad-results","internal":false}}}""";
        Assert.True((await jobs.PutAsync("healthy", HealthyJob)).Created);
        Assert.True((await jobs.PutAsync("bad", bad)).Created);
        StreamTestKit.Produce(servers, "points", Input());

        await Until(() => jobs.Status("healthy")!.Outputs >= Records, "the healthy job's outputs", lines);
        if (advanceUntilFailed)
        {
            // The worker reports the lane busy on the record each second; the stall timeout passes on the fake clock.
            await Until(() =>
            {
                time.Advance(TimeSpan.FromSeconds(30));
                return jobs.Status("bad")!.State == "failed";
            }, "the looping job to fail", lines);
        }
        else
        {
            await Until(() => jobs.Status("bad")!.State == "failed", "the bad job to fail", lines);
        }

        var status = jobs.Status("bad")!;
        Assert.Equal("running", jobs.Status("healthy")!.State);
        Assert.Null(jobs.Status("healthy")!.Worker);
        Assert.Contains("calc serve: job 'bad' version 1 failed: its worker process", lines.Text, StringComparison.Ordinal);
        await jobs.StopAllAsync().WaitAsync(Generous);
        return (status, Values(StreamTestKit.ConsumeAll(servers, "healthy-results", partitions: 1)));
    }

    private static IEnumerable<(string Key, string Json)> Input()
    {
        for (var i = 1; i <= Records; i++)
        {
            var asset = "A" + (i % 2);
            yield return (asset, string.Create(CultureInfo.InvariantCulture, $$"""{"orgId":"o1","modelId":"m","assetId":"{{asset}}","pointId":"x","time":{{i * 1000}},"value":{{i * 0.5}}}"""));
        }
    }

    /// <summary>What the healthy job computes alone: 3 × x for every record.</summary>
    private static Dictionary<string, double> Expected()
    {
        var expected = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 1; i <= Records; i++)
        {
            expected[$"A{i % 2}@{i * 1000}"] = i * 0.5 * 3;
        }

        return expected;
    }

    private static Dictionary<string, double> Values(IEnumerable<string> lines)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var record = JsonDocument.Parse(line).RootElement;
            Assert.Equal("y", record.GetProperty("pointId").GetString());
            values.Add($"{record.GetProperty("assetId").GetString()}@{record.GetProperty("time").GetInt64()}", record.GetProperty("value").GetDouble());
        }

        return values;
    }

    private static async Task Until(Func<bool> done, string what, LockedWriter log)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "waited in vain for " + what + "; log:\n" + log.Text);
            await Task.Delay(100);
        }
    }
}
