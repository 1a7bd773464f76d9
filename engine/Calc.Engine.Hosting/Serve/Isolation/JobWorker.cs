using Calc.Engine.Hosting.Runtime;
using Calc.Engine.Hosting.Stores;
using Calc.Engine.Kafka;
using Calc.Engine.Plugins;
using Calc.Engine.Runtime;
using Calc.Sdk;
using Microsoft.Extensions.Logging;

namespace Calc.Engine.Hosting.Serve.Isolation;

/// <summary>
/// The worker process's side of an isolated job (<c>calc serve-worker</c>): compiles the job it was sent,
/// runs it on Kafka exactly as the service would (<see cref="KafkaJobSource"/>, <see cref="JobRuntime"/>,
/// the same group and checkpoints), and reports on its standard output: progress about once a second, a
/// heartbeat every second with the lane busy on a batch, an error when the run fails. It stops (drains,
/// checkpoints, commits) on a <c>stop</c> line or when its standard input closes (the service went away),
/// and pauses on <c>pause</c> / <c>resume</c>. Ctrl-C and SIGTERM are left to the service.
/// </summary>
internal sealed class JobWorker(WorkerRequest request, Func<string, IAssetDirectory> assets, TextWriter output, ILoggerFactory loggers)
{
    private readonly Lock _write = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly PauseSwitch _pause = new();
    private volatile StreamingJobRunner? _runner;

    /// <summary>Runs the job until stopped; the exit code of the worker process.</summary>
    public int Run(TextReader input)
    {
        var reading = new Thread(() => ReadCommands(input)) { IsBackground = true, Name = "calc worker commands" };
        reading.Start();
        using var beat = new Timer(_ => Beat(), null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        try
        {
            RunJob();
            Send(new WorkerReport { Type = "stopped" });
            return 0;
        }
        catch (OutOfMemoryException)
        {
            return WorkerProtocol.OutOfMemoryExit;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_stop.IsCancellationRequested)
        {
            Send(new WorkerReport { Type = "error", Message = ServedJob.Describe(ex) });
            return WorkerProtocol.FailedExit;
        }
        catch (OperationCanceledException)
        {
            Send(new WorkerReport { Type = "stopped" });
            return 0;
        }
    }

    private void RunJob()
    {
        using var catalog = new PluginCatalog(EngineFactory.PluginRoots(), unloadable: false);
        using var compiler = new ServeCompiler(catalog);
        var problems = new ProblemList();
        var compiled = compiler.CompileForStart(request.JobJson, problems, _stop.Token)
            ?? throw new InvalidOperationException($"stored version {request.Version} does not compile any more: {string.Join("; ", problems.Items)}. PUT a corrected job, or install the pack it needs");
        using var lease = compiled.Lease;
        using var job = compiled.Job;
        var definition = job.Definition;
        var source = new KafkaJobSource
        {
            BootstrapServers = request.BootstrapServers,
            Kafka = request.Kafka,
            GroupPrefix = request.GroupPrefix,
            CheckpointDirectory = request.CheckpointDirectory,
        };
        var options = source.OptionsFor(definition, assets(definition.OrgId)) with
        {
            Progress = OnProgress,
            Pause = _pause,
            StopTimeout = TimeSpan.FromMilliseconds(request.StopTimeoutMs),
            Loggers = loggers,
        };
        var runtime = JobRuntime.OpenAsync(new JobRuntimeOptions
        {
            Job = definition,
            Stores = new StoreOptions { Tsdb = definition.Outputs.Tsdb, TsdbUrl = StoreOptions.TsdbAddress(null), TsdbPoints = definition.Outputs.TsdbPoints },
            Loggers = loggers,
            Command = "calc serve",
        }, _stop.Token).GetAwaiter().GetResult();
        try
        {
            options = runtime.Apply(options, _stop.Token);
            var runner = new StreamingJobRunner(job, options, loggers.CreateLogger("calc.serve." + definition.Id));
            _runner = runner;
            Send(new WorkerReport { Type = "running" });
            var metrics = runner.Run(_stop.Token);
            _runner = null;
            Send(Progress(metrics, 0, -1, 0));
        }
        finally
        {
            _runner = null;
            runtime.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private void ReadCommands(TextReader input)
    {
        try
        {
            while (input.ReadLine() is { } line)
            {
                switch (line.Trim())
                {
                    case "stop":
                        _stop.Cancel();
                        return;
                    case "pause":
                        _pause.Pause();
                        break;
                    case "resume":
                        _pause.Resume();
                        break;
                }
            }
        }
        catch (IOException)
        {
            // The service went away: stop as on a closed input.
        }

        _stop.Cancel();
    }

    private void OnProgress(StreamProgress progress) => Send(Progress(progress.Metrics, progress.DeadLettered, progress.Lag, progress.Partitions));

    private static WorkerReport Progress(JobMetrics m, long deadLettered, long lag, int partitions) => new()
    {
        Type = "progress",
        Read = m.Read,
        Processed = m.Processed,
        Rejected = m.Rejected,
        Outputs = m.Outputs,
        DeadLettered = deadLettered,
        Lag = lag,
        Partitions = partitions,
        FilteredBy = new Dictionary<string, long>(m.FilteredBy, StringComparer.Ordinal),
        Counters = new Dictionary<string, long>(m.Counters, StringComparer.Ordinal),
        Problems = [.. m.Problems.Messages],
    };

    private void Beat()
    {
        var busy = _runner?.Stalled(TimeSpan.Zero);
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        Send(new WorkerReport
        {
            Type = "beat",
            BusyPartition = busy?.Partition,
            BusyOffset = busy?.Offset,
            HeapBytes = GC.GetTotalMemory(forceFullCollection: false),
            WorkingSetBytes = self.WorkingSet64,
        });
    }

    private void Send(WorkerReport report)
    {
        var line = WorkerProtocol.Write(report);
        lock (_write)
        {
            try
            {
                output.WriteLine(line);
                output.Flush();
            }
            catch (IOException)
            {
                // The service went away; the closed input stops the run.
            }
        }
    }
}
