using System.Diagnostics;
using Calc.Engine.Files;
using Calc.Engine.Hosting;
using Calc.Engine.Hosting.Runtime;
using Calc.Engine.Hosting.Stores;
using Calc.Engine.Kafka;
using Calc.Engine.Runtime;
using Calc.Engine.Simulation;
using Calc.Engine.Tsdb;
using Calc.Sdk;
using Confluent.Kafka;

namespace Calc.Host.Demo;

/// <summary>
/// The demo: an embedded Kafka broker, the fleet simulator producing into it, and the demo jobs
/// running on it as they would in production (one streaming runner each), with results in
/// <c>DATA/demo</c>.
/// </summary>
internal sealed class DemoRun(DemoOptions options, ConsoleIo io)
{
    private const string PointsTopic = "points";
    private const string ResultsTopic = "calc-results";

    public int Run(IReadOnlyList<CompiledJob> jobs, CancellationToken cancellation)
    {
        var resultsDir = Path.Combine(options.DataDirectory, "results");
        ResetDirectory(resultsDir);
        ResetDirectory(Path.Combine(options.DataDirectory, "checkpoints"));
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic(PointsTopic, 8);
        broker.CreateTopic(ResultsTopic, 8);
        io.Error.WriteLine($"calc demo: embedded Kafka broker at {servers} (topics '{PointsTopic}' and '{ResultsTopic}')");

        using var loggers = ConsoleLogging.Create(Microsoft.Extensions.Logging.LogLevel.Warning);
        var stores = DemoStores.OpenAsync(options.DataDirectory, options.TsdbUrl, loggers).GetAwaiter().GetResult();
        io.Error.WriteLine($"calc demo: embedded Garnet at {stores.State.Endpoint} (data in {Path.Combine(options.DataDirectory, "garnet")}), TSDB {stores.Tsdb.Description}");
        var progress = new DemoProgress(io.Error);
        var producerDone = new ManualResetEventSlim();
        var runners = jobs.Select((job, i) => StartJob(job, servers, resultsDir, progress, stores, loggers, observeInputs: i == 0, cancellation)).ToList();
        var producer = new Thread(() => Produce(servers, progress, producerDone, cancellation)) { IsBackground = true, Name = "demo-simulator" };
        producer.Start();
        var watch = Stopwatch.StartNew();
        while (runners.Any(r => r.Thread.IsAlive))
        {
            Thread.Sleep(1_000);
            progress.Print();
        }

        var failed = runners.Where(r => r.Error is not null).ToList();
        foreach (var runner in failed)
        {
            io.Error.WriteLine($"calc demo: job '{runner.Job.Definition.Id}' failed: {runner.Error!.Message}");
        }

        stores.Services.FlushAll();
        var tsdbPath = stores.TsdbPath;
        var garnet = stores.State.Database;
        DemoSummary.Write(io.Error, runners.Select(r => (r.Job.Definition.Id, r.Metrics, r.ResultPath)).ToList(), progress.Produced, watch.Elapsed, options.DataDirectory);
        DemoSummary.WriteStores(io.Error, garnet, stores.ConnectionEvents);
        var stored = stores.CompleteAsync(io.Error).GetAwaiter().GetResult();
        var written = stores.Tsdb.Counters.Written;
        stores.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (!stored)
        {
            io.Error.WriteLine($"calc demo: {stores.Tsdb.Description} did not acknowledge every result within 60 s (last error: {stores.Tsdb.Stats.LastError})");
        }

        if (tsdbPath is not null)
        {
            DemoSummary.WriteEnergy(io.Error, tsdbPath, options.Inverters);
        }
        else
        {
            DemoSummary.WriteLineProtocol(io.Error, stores.Tsdb.Description, written);
        }

        return failed.Count == 0 && stored ? Cli.Ok : Cli.Failure;
    }

    private DemoJob StartJob(CompiledJob job, string servers, string resultsDir, DemoProgress progress, DemoStores stores, Microsoft.Extensions.Logging.ILoggerFactory loggers, bool observeInputs, CancellationToken cancellation)
    {
        var demoJob = new DemoJob(job, Path.Combine(resultsDir, job.Definition.Id + ".ndjson"));
        demoJob.Thread = new Thread(() =>
        {
            try
            {
                using var file = new NdjsonSink(File.Create(demoJob.ResultPath));
                var definition = job.Definition;
                using var runtime = JobRuntime.OpenAsync(new JobRuntimeOptions
                {
                    Job = definition,
                    Stores = new StoreOptions { Tsdb = definition.Outputs.Tsdb },
                    SharedState = stores.Services,
                    SharedTsdb = stores.Tsdb,
                    ObserveInputs = observeInputs,
                    DataDirectory = options.DataDirectory,
                    Loggers = loggers,
                    Command = "calc demo",
                }, cancellation).GetAwaiter().GetResult();
                var source = new KafkaJobSource { BootstrapServers = servers, InputTopic = PointsTopic, OutputTopic = ResultsTopic, CheckpointDirectory = Path.Combine(options.DataDirectory, "checkpoints") };
                var streaming = runtime.Apply(source.OptionsFor(definition, null) with
                {
                    ExtraSinks = [file],
                    IdleExit = TimeSpan.FromSeconds(3),
                    Progress = p => progress.OnJob(definition.Id, p),
                }, cancellation);
                demoJob.Metrics = new StreamingJobRunner(job, streaming).Run(cancellation);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                demoJob.Error = ex;
            }
        })
        { IsBackground = true, Name = "demo-" + job.Definition.Id };
        demoJob.Thread.Start();
        return demoJob;
    }

    private void Produce(string servers, DemoProgress progress, ManualResetEventSlim done, CancellationToken cancellation)
    {
        var fleet = new FleetOptions { InverterCount = options.Inverters, TurbineCount = options.Turbines };
        var simulator = new FleetSimulator(fleet);
        var from = simulator.StartMs;
        var to = from + (options.Days * 86_400_000L);
        using var sink = new KafkaPointSink(new KafkaPointSinkOptions { Producer = new ProducerConfig { BootstrapServers = servers, LingerMs = 5 }, Topic = PointsTopic, JobId = "calc-demo-simulator" });
        var wall = Stopwatch.StartNew();
        long pending = 0;
        foreach (var record in simulator.Generate(from, to))
        {
            if (cancellation.IsCancellationRequested)
            {
                break;
            }

            sink.Write(in record);
            if (++pending == 2_000)
            {
                progress.OnProduced(pending, record.Time);
                pending = 0;
                Pace(record.Time - from, wall);
            }
        }

        sink.Flush();
        progress.OnProduced(pending, to);
        done.Set();
    }

    private void Pace(long simulatedMs, Stopwatch wall)
    {
        if (options.Speed <= 0)
        {
            return;
        }

        var due = TimeSpan.FromMilliseconds(simulatedMs / options.Speed);
        if (due > wall.Elapsed)
        {
            Thread.Sleep(due - wall.Elapsed);
        }
    }

    private static void ResetDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        Directory.CreateDirectory(path);
    }

    private sealed class DemoJob(CompiledJob job, string resultPath)
    {
        public CompiledJob Job { get; } = job;

        public string ResultPath { get; } = resultPath;

        public Thread Thread { get; set; } = null!;

        public JobMetrics Metrics { get; set; } = new();

        public Exception? Error { get; set; }
    }
}
