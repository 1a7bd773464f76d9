using System.Diagnostics;
using System.Globalization;
using Calc.Engine.Hosting.Serve.Isolation;
using Calc.Engine.Metadata;
using Calc.Engine.Kafka;
using Calc.Engine.Runtime;

namespace Calc.Engine.Hosting.Serve;

/// <summary>
/// A job run in a worker process of its own (<see cref="ServeOptions.Isolation"/>): the worker reports
/// its counters, heartbeat and busy lane; a worker that ends (stack overflow, <c>Environment.Exit</c>,
/// out of memory, a native fault), stops answering, or stays on one batch past the stall timeout is
/// killed and the job fails with the reason, to be started again after the backoff. A stop asks the worker
/// to drain and commit and kills it after the stop timeout.
/// </summary>
internal sealed partial class ServedJob
{
    private WorkerProcess? _worker;
    private (int Partition, long Offset)? _busy;
    private long _busySince;
    private long _lastReport;
    private long _workerMemory;
    private string? _workerError;
    private bool _workerStopped;

    private bool Isolate(CompiledJob job) => context.Options.Isolation switch
    {
        JobIsolation.All => true,
        JobIsolation.Untrusted => context.Compiler.IsUntrusted(job),
        _ => false,
    };

    private void RunIsolated(JobVersion run, CancellationToken cancellation)
    {
        var options = context.Options;
        if (options.WorkerCommand is not { Count: > 0 } command)
        {
            throw new InvalidOperationException("the job is to run in a worker process, but the service has no worker command");
        }

        var request = new WorkerRequest
        {
            JobJson = run.Json,
            Version = run.Version,
            BootstrapServers = options.BootstrapServers,
            Kafka = options.Kafka,
            GroupPrefix = options.GroupPrefix,
            CheckpointDirectory = options.CheckpointDirectory,
            StopTimeoutMs = (long)options.StopTimeout.TotalMilliseconds,
        };
        lock (_gate)
        {
            (_busy, _workerError, _workerStopped, _workerMemory, _lastReport) = (null, null, false, 0, Stopwatch.GetTimestamp());
        }

        using var worker = WorkerProcess.Start(command, request, options.WorkerMemoryLimit, OnReport, line => context.Report($"calc serve: job '{Id}' worker: {line}"));
        context.Report($"calc serve: job '{Id}' version {run.Version} runs in worker process {worker.Id} (--isolation {options.Isolation.ToString().ToLowerInvariant()})"
            + (context.State is null ? "" : "; its records do not reach the service's device state (--state), and a live trace sees none of them"));
        (int Partition, long Offset)? lastBusy = null;
        lock (_gate)
        {
            _worker = worker;

            // A job paused before this worker started (a restart after a failure) stays paused.
            if (_pause.IsPaused)
            {
                worker.Send("pause");
            }
        }

        try
        {
            while (!worker.HasExited)
            {
                if (cancellation.IsCancellationRequested)
                {
                    StopWorker(worker);
                    return;
                }

                if (Watchdog() is { } reason)
                {
                    worker.Kill();
                    worker.WaitForExit(TimeSpan.FromSeconds(10));
                    throw new WorkerFailedException($"its worker process {worker.Id} {reason}; it was killed, and only this job is affected: its records wait in Kafka and are read again from its last commit when it starts again");
                }

                lock (_gate)
                {
                    lastBusy = _busy ?? lastBusy;
                }

                cancellation.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(200));
            }

            worker.WaitForExit(TimeSpan.FromSeconds(10));
            worker.DrainReports(TimeSpan.FromSeconds(5));
            string? error;
            bool stopped;
            lock (_gate)
            {
                (error, stopped) = (_workerError, _workerStopped);
                lastBusy = _busy ?? lastBusy;
            }

            if (stopped && cancellation.IsCancellationRequested)
            {
                return;
            }

            throw new WorkerFailedException(ExitReason(worker, error, lastBusy));
        }
        finally
        {
            lock (_gate)
            {
                (_worker, _busy) = (null, null);
            }
        }
    }

    /// <summary>Asks the worker to stop, waits the stop timeout (the service's clock) for it, then kills it.</summary>
    private void StopWorker(WorkerProcess worker)
    {
        var time = context.Options.Time;
        var asked = time.GetTimestamp();
        worker.RequestStop();
        while (!worker.WaitForExit(TimeSpan.FromMilliseconds(100)))
        {
            if (time.GetElapsedTime(asked) >= context.Options.StopTimeout)
            {
                worker.Kill();
                worker.WaitForExit(TimeSpan.FromSeconds(10));
                var message = $"job '{Id}': its worker process {worker.Id} did not stop within {context.Options.StopTimeout.TotalSeconds:0.#} s of the stop and was killed; what it had not committed is read again when the job starts";
                lock (_gate)
                {
                    _error = message;
                }

                context.Report("calc serve: " + message);
                return;
            }
        }

        worker.DrainReports(TimeSpan.FromSeconds(5));
    }

    /// <summary>Why the running worker must be killed now, or null.</summary>
    private string? Watchdog()
    {
        var limit = context.Options.StallTimeout;
        lock (_gate)
        {
            if (_busy is { } busy && context.Options.Time.GetElapsedTime(_busySince) is var busyFor && busyFor >= limit)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"made no progress for {busyFor.TotalSeconds:0.#} s on partition {busy.Partition}, offset {busy.Offset} (stall timeout {limit.TotalSeconds:0.#} s): a plugin or script loops or blocks on that record");
            }

            // The heartbeat comes every second of real time from a thread of the worker's own: its absence means the process hangs.
            if (Stopwatch.GetElapsedTime(_lastReport) is var silent && silent >= limit && silent >= TimeSpan.FromSeconds(5))
            {
                return string.Create(CultureInfo.InvariantCulture, $"stopped answering: no heartbeat for {silent.TotalSeconds:0.#} s (stall timeout {limit.TotalSeconds:0.#} s)");
            }
        }

        return null;
    }

    private string ExitReason(WorkerProcess worker, string? error, (int Partition, long Offset)? busy)
    {
        var code = worker.ExitCode;
        var where = busy is { } b ? string.Create(CultureInfo.InvariantCulture, $" while on partition {b.Partition}, offset {b.Offset}") : "";
        var tail = worker.Tail();
        var what = code switch
        {
            WorkerProtocol.FailedExit when error is not null => $"failed: {error}",
            WorkerProtocol.OutOfMemoryExit => OutOfMemory(),
            _ when tail.Contains("OutOfMemoryException", StringComparison.Ordinal) => OutOfMemory(),
            134 when worker.SawStackOverflow => "ended with a stack overflow (exit 134): a script or plugin recursed too deeply or used too large a stack frame",
            134 => "aborted (exit 134, SIGABRT): a fatal runtime error such as a stack overflow, an unhandled exception on a thread of a plugin, or Environment.FailFast",
            137 => "was killed (exit 137, SIGKILL): by the system (for lack of memory) or an operator",
            139 => "crashed (exit 139, SIGSEGV): a fault in native code",
            0 => "ended by itself with exit code 0 without being asked to stop: a plugin or script called Environment.Exit(0)",
            _ => $"ended by itself with exit code {code}: a plugin or script called Environment.Exit({code}), or the runtime ended it",
        };
        if (tail.Length > 400)
        {
            tail = tail[^400..];
        }

        return $"its worker process {worker.Id} {what}{where}; only this job is affected: its records wait in Kafka and are read again from its last commit when it starts again"
            + (tail.Length == 0 || error is not null ? "" : $" (the worker's last words: {tail})");
    }

    private string OutOfMemory() => string.Create(CultureInfo.InvariantCulture,
        $"ran out of memory (its managed heap reached the worker limit of {context.Options.WorkerMemoryLimit / (1024 * 1024)} MB, --worker-memory)");

    private void OnReport(WorkerReport report)
    {
        lock (_gate)
        {
            _lastReport = Stopwatch.GetTimestamp();
            switch (report.Type)
            {
                case "running":
                    (_state, _startedAt, _nextRetryAt) = (ServedJobState.Running, DateTimeOffset.UtcNow, null);
                    break;
                case "progress":
                    var metrics = MetricsOf(report);
                    if (metrics.Outputs > (_metrics?.Outputs ?? 0))
                    {
                        _lastOutputAt = DateTimeOffset.UtcNow;
                    }

                    (_metrics, _lag, _partitions) = (metrics, report.Lag, report.Partitions);
                    _progress = new StreamProgress(metrics, report.DeadLettered, report.Partitions, report.Lag, _startedAt is { } at ? DateTimeOffset.UtcNow - at : TimeSpan.Zero);
                    break;
                case "beat":
                    (int, long)? busy = report.BusyPartition is { } p ? (p, report.BusyOffset ?? -1) : null;
                    if (busy != _busy)
                    {
                        (_busy, _busySince) = (busy, context.Options.Time.GetTimestamp());
                    }

                    _workerMemory = report.WorkingSetBytes;
                    break;
                case "error":
                    _workerError = report.Message;
                    break;
                case "stopped":
                    _workerStopped = true;
                    break;
            }
        }
    }

    private static JobMetrics MetricsOf(WorkerReport report)
    {
        var metrics = new JobMetrics { Read = report.Read, Processed = report.Processed, Rejected = report.Rejected, Outputs = report.Outputs };
        foreach (var (reason, count) in report.FilteredBy ?? [])
        {
            metrics.CountFiltered(reason, count);
        }

        foreach (var (name, count) in report.Counters ?? [])
        {
            metrics.Count(name, count);
        }

        foreach (var problem in report.Problems ?? [])
        {
            metrics.Problems.Add(problem);
        }

        return metrics;
    }

    /// <summary>The busy lane of a worker past the stall timeout (caller holds the gate).</summary>
    private LaneStall? WorkerStall(TimeSpan limit) =>
        _busy is { } b && context.Options.Time.GetElapsedTime(_busySince) is var busyFor && busyFor >= limit ? new LaneStall(b.Partition, b.Offset, busyFor) : null;
}
