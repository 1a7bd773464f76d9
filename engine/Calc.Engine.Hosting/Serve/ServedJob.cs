using System.Diagnostics;
using Calc.Engine.Hosting.Settings;
using Calc.Engine.Jobs;
using Calc.Engine.Kafka;
using Calc.Engine.Metadata;
using Calc.Engine.Plugins;
using Calc.Engine.Runtime;
using Calc.Engine.Tsdb;
using Calc.Engine.Hosting.Runtime;
using Calc.Engine.Hosting.Stores;
using Calc.Sdk;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Calc.Engine.Hosting.Serve;

/// <summary>
/// One stored job in the service: runs its version as a <see cref="StreamingJobRunner"/> on a thread of
/// its own; when it throws it is marked failed with the reason and started again after a backoff
/// (doubling from <see cref="ServeOptions.MinBackoff"/> to <see cref="ServeOptions.MaxBackoff"/>).
/// Stopping cancels the runner, which drains, checkpoints and commits; a lane stuck on a record is
/// abandoned after <see cref="ServeOptions.StopTimeout"/> (reported in the status, the log, the audit and
/// <c>/health/ready</c>), so a stop is bounded. Thread-safe.
/// </summary>
internal sealed partial class ServedJob(JobVersion version, ServeContext context)
{
    private readonly Lock _gate = new();
    private readonly string _id = version.Id;
    private JobVersion _version = version;
    private string? _topic = TopicOf(version.Json);
    private string _org = OrgOf(version.Json);
    private CancellationTokenSource? _stop;
    private PauseSwitch _pause = new();
    private Task? _task;
    private ServedJobState _state = ServedJobState.Stopped;
    private string? _error;
    private JobMetrics? _metrics;
    private StreamProgress? _progress;
    private DateTimeOffset? _lastOutputAt;
    private long _lag = -1;
    private int _partitions;
    private int _failures;
    private DateTimeOffset? _startedAt;
    private DateTimeOffset? _nextRetryAt;
    private StreamingJobRunner? _runner;
    private readonly List<AbandonedLane> _abandoned = [];

    public string Id => _id;

    /// <summary>Where <c>GET /jobs/{id}/trace</c> attaches a live trace; kept across restarts and versions.</summary>
    public Calc.Engine.Tracing.TraceTap Tap { get; } = new();

    /// <summary>The stored version this job runs (or would run).</summary>
    public JobVersion Version
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    /// <summary>The input topic (<c>source.kafka.topic</c>); null when the job has none and only runs through <c>/test</c>.</summary>
    public string? Topic
    {
        get
        {
            lock (_gate)
            {
                return _topic;
            }
        }
    }

    /// <summary>True from <see cref="Start"/> until <see cref="StopAsync"/> (also while failed and waiting to retry).</summary>
    public bool IsActive
    {
        get
        {
            lock (_gate)
            {
                return _task is { IsCompleted: false };
            }
        }
    }

    /// <summary>Runs <paramref name="next"/> (or the current version); the job must be stopped.</summary>
    public void Start(JobVersion? next = null)
    {
        lock (_gate)
        {
            if (_task is { IsCompleted: false })
            {
                throw new InvalidOperationException($"job '{Id}' is already running");
            }

            _version = next ?? _version;
            _topic = TopicOf(_version.Json);
            _org = OrgOf(_version.Json);
            _stop = new CancellationTokenSource();
            _pause = new PauseSwitch();
            (_state, _error, _failures, _metrics, _lag, _partitions, _startedAt, _nextRetryAt) = (ServedJobState.Starting, null, 0, null, -1, 0, null, null);
            _progress = null;
            (_replayStatus, _replayAsked, _replayRunner) = (null, null, null);
            var run = _version;
            var token = _stop.Token;
            _task = Task.Factory.StartNew(() => Loop(run, token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    /// <summary>Stops the job: the runner drains what it read, checkpoints and commits, then this returns.</summary>
    public async Task StopAsync()
    {
        Task? task;
        lock (_gate)
        {
            task = _task;
            _stop?.Cancel();
        }

        if (task is not null && !await EndedWithin(task))
        {
            // The runner abandons a stuck lane itself; this bounds what it cannot (a consumer that does not close).
            var message = $"job '{Id}': its run did not end within {Limit.TotalSeconds:0.#} s of the stop; its thread is left behind (what it still finishes may be committed; a lane it abandons is not)";
            lock (_gate)
            {
                _error = message;
                _abandoned.Add(new AbandonedLane(-1, -1, context.Options.Time.GetUtcNow(), task));
            }

            context.Report("calc serve: " + message);
        }

        lock (_gate)
        {
            _stop?.Dispose();
            _stop = null;
            _task = null;
            _state = ServedJobState.Stopped;
            _nextRetryAt = null;
        }
    }

    private TimeSpan Limit => context.Options.StopTimeout + CloseGrace;

    /// <summary>Beyond the stop timeout: time for the runner to leave its group and release its producers.</summary>
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(10);

    private async Task<bool> EndedWithin(Task task)
    {
        try
        {
            await task.WaitAsync(Limit, context.Options.Time);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// Pauses (or resumes) the running job: it commits what it processed and stops reading, keeping its
    /// consumer group membership and operator state; resumed, it reads on with no loss and no repeat. False
    /// when the job is not running. A pause lasts until resumed, stopped or the service restarts.
    /// </summary>
    public async Task<bool> SetPausedAsync(bool paused)
    {
        Task applied;
        lock (_gate)
        {
            if (_task is not { IsCompleted: false })
            {
                return false;
            }

            applied = paused ? _pause.Pause() : _pause.Resume();
            if (_worker is { } worker)
            {
                // The worker pauses its own runner; the service's switch only shows the state.
                worker.Send(paused ? "pause" : "resume");
                return true;
            }
        }

        // Answered once the runner paused (committed) or reads on; a job failed and waiting to retry applies it when it runs.
        await Task.WhenAny(applied, Task.Delay(TimeSpan.FromSeconds(10)));
        return true;
    }

    /// <summary>A stored version that is not run (a job saved without a change of its running version is left alone).</summary>
    public void SetVersion(JobVersion next)
    {
        lock (_gate)
        {
            _version = next;
            _topic = TopicOf(next.Json);
            _org = OrgOf(next.Json);
        }
    }

    public JobStatus Status()
    {
        lock (_gate)
        {
            var m = _metrics;
            var state = _state == ServedJobState.Running && _pause.IsPaused ? "paused" : _state.ToString().ToLowerInvariant();
            _abandoned.RemoveAll(a => a.Ended.IsCompleted);
            var stall = _state == ServedJobState.Running ? _runner?.Stalled(context.Options.StallTimeout) ?? WorkerStall(context.Options.StallTimeout) : null;
            return new JobStatus(Id, _version.Version, state, _error, _topic,
                m?.Read ?? 0, m?.Outputs ?? 0, m?.Rejected ?? 0, m?.Filtered ?? 0, _lag, _partitions, _failures, _startedAt, _nextRetryAt)
            {
                Problems = m?.Problems.Messages ?? [],
                Stalled = stall is null ? null : new StalledLane(stall.Partition, stall.Offset, Math.Round(stall.For.TotalSeconds, 1)),
                Abandoned = [.. _abandoned],
                Worker = _worker is { } w ? new WorkerStatus(w.Id, _workerMemory) : null,
                Replay = _replayStatus,
            };
        }
    }

    /// <summary>What <c>GET /metrics</c> reads (at scrape time, never per record): the state and the last progress report of the current run.</summary>
    public JobSample Sample()
    {
        lock (_gate)
        {
            return new JobSample(Id, _org, _state, _metrics, _progress, _failures, _lastOutputAt);
        }
    }

    private void Loop(JobVersion run, CancellationToken cancellation)
    {
        var backoff = new Backoff(context.Options.MinBackoff, context.Options.MaxBackoff);
        var time = context.Options.Time;
        var failures = 0;
        while (!cancellation.IsCancellationRequested)
        {
            var started = time.GetTimestamp();
            try
            {
                if (!RunOnce(run, cancellation) || cancellation.IsCancellationRequested)
                {
                    return;
                }

                // A replay with a 'to' went past it: the job runs on normally from the replay's checkpoint.
            }
            catch (LanesAbandonedException ex)
            {
                Abandoned(run, ex);
                return;
            }
            catch (Calc.Engine.Kafka.GroupPartitionsException ex) when (context.Store.Use(s => s.JobReplay(Id)) is { } asked)
            {
                // A replay that can never start (a group job re-keyed across partitions): drop the request, say why, run on as before.
                context.Store.Use(s => s.ClearJobReplay(asked));
                lock (_gate)
                {
                    (_error, _replayStatus) = ($"replay from {Iso(asked.FromMs)} dropped: {ex.Message}", null);
                }

                context.Report($"calc serve: job '{run.Id}': the replay from {Iso(asked.FromMs)} was dropped: {ex.Message}");
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellation.IsCancellationRequested)
            {
                // A run that lasted longer than the longest backoff was healthy: start the backoff over.
                failures = time.GetElapsedTime(started) > backoff.Max ? 1 : failures + 1;
                var delay = backoff.After(failures);
                var reason = Describe(ex);
                lock (_gate)
                {
                    (_state, _error, _nextRetryAt) = (ServedJobState.Failed, reason, time.GetUtcNow() + delay);
                    _failures++;
                }

                context.Report($"calc serve: job '{run.Id}' version {run.Version} failed: {reason}; starting it again in {delay.TotalSeconds:0.#} s");
                backoff.Wait(failures, time, cancellation);
            }
        }
    }

    /// <summary>One run of the job; true when it was a replay that ended past its <c>to</c>, so the job is to run on.</summary>
    private bool RunOnce(JobVersion run, CancellationToken cancellation)
    {
        lock (_gate)
        {
            _state = ServedJobState.Starting;
        }

        var problems = new ProblemList();
        var compiled = context.Compiler.CompileForStart(run.Json, problems, cancellation)
            ?? throw new InvalidOperationException($"stored version {run.Version} does not compile any more: {string.Join("; ", problems.Items)}. PUT a corrected job, or install the pack it needs");
        using var lease = compiled.Lease;
        using var job = compiled.Job;
        if (Isolate(job))
        {
            RunIsolated(run, cancellation);
            return false;
        }

        var options = StreamingOptionsFor(job);
        var runtime = OpenRuntime(job.Definition, cancellation);
        try
        {
            options = WithPendingReplay(job, runtime.Apply(options, cancellation));
            lock (_gate)
            {
                (_state, _startedAt, _nextRetryAt) = (ServedJobState.Running, DateTimeOffset.UtcNow, null);
            }

            var runner = new StreamingJobRunner(job, options, context.Loggers.CreateLogger("calc.serve." + run.Id));
            lock (_gate)
            {
                _runner = runner;
                _replayRunner = options.Replay is null ? null : runner;
            }

            var metrics = runner.Run(cancellation);
            lock (_gate)
            {
                _metrics = metrics;
            }

            return options.Replay is not null && ReplayEnded(runner);
        }
        finally
        {
            lock (_gate)
            {
                _runner = null;
            }

            runtime.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>A stop gave up a stuck lane: the job stops with the reason as its error, in the log, the audit and the readiness.</summary>
    private void Abandoned(JobVersion run, LanesAbandonedException ex)
    {
        lock (_gate)
        {
            _error = ex.Message;
            _abandoned.Add(new AbandonedLane(ex.Partition, ex.Offset, context.Options.Time.GetUtcNow(), ex.Ended));
        }

        context.Report($"calc serve: job '{run.Id}' version {run.Version}: {ex.Message}");
        try
        {
            context.Store.Use(s => s.Audit("calc serve", OrgOf(run.Json), "job.abandoned", run.Id, ex.Message));
        }
        catch (Exception audit) when (audit is not OutOfMemoryException)
        {
            context.Report($"calc serve: job '{run.Id}': the abandonment could not be audited: {audit.Message}");
        }
    }

    /// <summary>
    /// The job's stores, as every runner builds them: the service's device state (<c>--state</c>) and the
    /// job's <c>outputs.tsdb</c>, written to the <c>tsdb.url</c> setting (the embedded store in the data
    /// directory by default) with its storage policy, offsets committed only after the database acknowledged.
    /// </summary>
    private JobRuntime OpenRuntime(JobDefinition definition, CancellationToken cancellation) => JobRuntime.OpenAsync(new JobRuntimeOptions
    {
        Job = definition,
        Stores = new StoreOptions { Tsdb = definition.Outputs.Tsdb, TsdbUrl = StoreOptions.TsdbAddress(null), TsdbPoints = definition.Outputs.TsdbPoints },
        SharedState = context.State?.Services,
        Loggers = context.Loggers,
        Command = "calc serve",
    }, cancellation).GetAwaiter().GetResult();

    private StreamingOptions StreamingOptionsFor(CompiledJob job)
    {
        var definition = job.Definition;
        var source = new KafkaJobSource
        {
            BootstrapServers = context.Options.BootstrapServers,
            Kafka = context.Options.Kafka,
            GroupPrefix = context.Options.GroupPrefix,
            CheckpointDirectory = context.Options.CheckpointDirectory,
        };
        if (source.TopicFor(definition) is null)
        {
            throw new InvalidOperationException("the job has no source.kafka.topic: add one to run it on Kafka (POST /jobs/{id}/test runs it on records you send)");
        }

        return source.OptionsFor(definition, context.Store.AssetsFor(definition.OrgId)) with
        {
            Progress = OnProgress,
            Pause = _pause,
            Time = context.Options.Time,
            StopTimeout = context.Options.StopTimeout,
            Loggers = context.Loggers,
            BatchLatency = context.Metrics?.LatencyRecorder(definition.Id, definition.OrgId),
            TraceTap = Tap,
        };
    }

    private void OnProgress(StreamProgress progress)
    {
        lock (_gate)
        {
            if (progress.Metrics.Outputs > (_metrics?.Outputs ?? 0))
            {
                _lastOutputAt = DateTimeOffset.UtcNow;
            }

            (_metrics, _lag, _partitions, _progress) = (progress.Metrics, progress.Lag, progress.Partitions, progress);
        }

        ReplayProgress(progress);
    }

    /// <summary>A failed run's reason as the status and the log show it (also what a worker process reports).</summary>
    internal static string Describe(Exception ex) => ex switch
    {
        PluginFailedException or CheckpointMismatchException or JobRuntimeException or Isolation.WorkerFailedException => ex.Message,
        KafkaException or KafkaDeliveryException => $"Kafka failed: {ex.Message}. Check that the brokers are reachable; records wait in Kafka and are read again from the last commit",
        InvalidOperationException when ex.Message.StartsWith("stored version", StringComparison.Ordinal) || ex.Message.StartsWith("the job has", StringComparison.Ordinal) => ex.Message,
        _ => $"{ex.Message} ({ex.GetType().Name})",
    };

    private static string OrgOf(string json) => JobParser.Parse(json, new ProblemList())?.OrgId ?? "";

    private static string? TopicOf(string json) => JobParser.Parse(json, new ProblemList())?.KafkaSource?.Topic;
}
