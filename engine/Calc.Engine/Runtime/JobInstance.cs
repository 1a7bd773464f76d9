using Calc.Engine.Plugins;
using Calc.Sdk;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Calc.Engine.Runtime;

/// <summary>
/// One processing lane of a job: its own operator instances, per-asset event time, and metrics.
/// Single-threaded: the caller feeds records of the assets it owns, in order, from one thread
/// (a file reader, or one Kafka partition set). Parallelism comes from several lanes, each owning
/// a disjoint set of assets.
/// An operator from a plugin that throws fails the lane with a <see cref="PluginFailedException"/>
/// (see <see cref="Failure"/>): the caller stops feeding it, closes it and reports the job as failed.
/// </summary>
public sealed partial class JobInstance
{
    private readonly StepRunner[] _steps;
    private readonly StepRunner _first;
    private readonly IOutputSink _sink;
    private readonly AssetMap<AssetTrack> _assets = new();
    private readonly StepRunner[] _watermarkAware;
    private readonly long _idleAfterMs;
    private readonly long[] _nextTick;
    private bool _opened;

    public JobInstance(CompiledJob job, IOutputSink sink, IClock? clock = null, IAssetDirectory? assets = null, ILoggerFactory? loggers = null)
    {
        Job = job;
        _sink = sink;
        Clock = clock ?? SystemClock.Instance;
        Assets = assets ?? AssetDirectory.Empty;
        loggers ??= NullLoggerFactory.Instance;
        _steps = new StepRunner[job.Steps.Count];
        long maxLatency = 0;
        var aware = new List<StepRunner>();
        for (var i = 0; i < _steps.Length; i++)
        {
            var step = job.Steps[i];
            _steps[i] = new StepRunner(this, i, step, loggers.CreateLogger("Calc.Operator." + step.OperatorId));
            if (i > 0)
            {
                _steps[i - 1].Next = _steps[i];
            }

            if (_steps[i].IsWatermarkAware)
            {
                aware.Add(_steps[i]);
            }

            maxLatency = Math.Max(maxLatency, step.Definition.AllowedLatencyMs);
        }

        _first = _steps[0];
        _watermarkAware = [.. aware];
        _idleAfterMs = job.Definition.IdleTimeoutMs + maxLatency;
        _nextTick = new long[_steps.Length];
    }

    public CompiledJob Job { get; }

    public IClock Clock { get; }

    public IAssetDirectory Assets { get; }

    public JobMetrics Metrics { get; } = new();

    /// <summary>The first plugin failure of this lane, or null while it runs fine.</summary>
    public PluginFailedException? Failure { get; internal set; }

    /// <summary><see cref="Running"/> while the engine's own code runs.</summary>
    internal const int EngineRunning = -1;

    /// <summary>The index of the plugin step whose code is running now, or <see cref="EngineRunning"/> (an int: no write barrier on the hot path).</summary>
    internal int Running = EngineRunning;

    /// <summary>Opens every operator. Called once before the first record (or restore).</summary>
    public void Open()
    {
        try
        {
            foreach (var step in _steps)
            {
                step.Open();
            }
        }
        catch (Exception ex) when (IsPluginFault(ex))
        {
            throw Blame(ex);
        }

        _opened = true;
    }

    /// <summary>Processes one input record (from the job's source).</summary>
    public void Process(in PointRecord record)
    {
        if (!string.Equals(record.OrgId, Job.Definition.OrgId, StringComparison.Ordinal))
        {
            Metrics.Count("filtered.otherOrg");
            return;
        }

        Metrics.Processed++;
        var track = Track(record.AssetId);
        track.LastArrivalMs = Clock.NowMs;
        track.IdleFlushed = false;
        try
        {
            if (record.Time > track.Watermark)
            {
                track.Watermark = record.Time;
                for (var i = 0; i < _watermarkAware.Length; i++)
                {
                    _watermarkAware[i].OnWatermark(record.AssetId, record.Time);
                }
            }

            _first.Push(in record, derived: false);
        }
        catch (Exception ex) when (IsPluginFault(ex))
        {
            throw Blame(ex, record.AssetId);
        }
    }

    /// <summary>Wall-clock work: timer-driven operators and idle assets. Call about once a second.</summary>
    public void Tick()
    {
        try
        {
            TickSteps(Clock.NowMs);
        }
        catch (Exception ex) when (IsPluginFault(ex))
        {
            throw Blame(ex);
        }
    }

    private void TickSteps(long now)
    {
        for (var i = 0; i < _steps.Length; i++)
        {
            if (_steps[i].TimerPeriodMs > 0)
            {
                var period = _steps[i].TimerPeriodMs;
                var due = now / period * period;
                if (_nextTick[i] == 0)
                {
                    _nextTick[i] = due + period;
                }
                else if (now >= _nextTick[i])
                {
                    _nextTick[i] = due + period;
                    _steps[i].OnTimer(due);
                }
            }
        }

        FlushIdle(now);
    }

    /// <summary>End of a bounded input (or a drain): every open window and bucket is flushed as final.</summary>
    public void FlushAll()
    {
        try
        {
            foreach (var step in _steps)
            {
                if (step.IsFlushable)
                {
                    step.FlushAll();
                }
            }
        }
        catch (Exception ex) when (IsPluginFault(ex))
        {
            throw Blame(ex);
        }

        _sink.Flush();
    }

    public void Close()
    {
        if (!_opened)
        {
            return;
        }

        _opened = false;
        PluginFailedException? first = null;
        foreach (var step in _steps)
        {
            try
            {
                step.Close();
            }
            catch (Exception ex) when (IsPluginFault(ex) && Failure is not null)
            {
                // The job has failed already; that failure is the one reported.
                Running = EngineRunning;
                step.Logger.LogWarning(ex, "operator {Operator} also failed in Close after job {Job} failed", step.Step.OperatorId, Job.Definition.Id);
            }
            catch (Exception ex) when (IsPluginFault(ex))
            {
                first ??= Blame(ex);
            }
        }

        if (first is not null)
        {
            throw first;
        }
    }

    private bool IsPluginFault(Exception ex) =>
        Running != EngineRunning && ex is not PluginFailedException and not OutOfMemoryException;

    /// <summary>The failure of the running plugin step; the lane has failed.</summary>
    private PluginFailedException Blame(Exception ex, string? inputAsset = null)
    {
        var failure = _steps[Running].Fail(ex, inputAsset);
        Running = EngineRunning;
        Failure ??= failure;
        return failure;
    }

    /// <summary>Adds the event-time watermark (latest record time, Unix ms) of every asset this lane has seen to <paramref name="into"/>. Not thread-safe: call it while the lane is idle.</summary>
    public void CollectWatermarks(List<long> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        foreach (var (_, track) in _assets)
        {
            if (track.Watermark != long.MinValue)
            {
                into.Add(track.Watermark);
            }
        }
    }

    internal long GetWatermark(string assetId) =>
        _assets.TryGetValue(assetId, out var track) ? track.Watermark : long.MinValue;

    internal void WriteOutput(in PointRecord record)
    {
        Metrics.Outputs++;
        _sink.Write(in record);
    }

    private AssetTrack Track(string assetId) => _assets.Get(assetId);

    private void FlushIdle(long now)
    {
        foreach (var (assetId, track) in _assets)
        {
            if (track.IdleFlushed || now - track.LastArrivalMs < _idleAfterMs)
            {
                continue;
            }

            track.IdleFlushed = true;
            foreach (var step in _steps)
            {
                if (step.IsFlushable)
                {
                    step.FlushAsset(assetId);
                }
            }
        }
    }
}
