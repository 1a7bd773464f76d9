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
    private readonly List<string> _idle = [];
    private readonly long _idleAfterMs;
    private readonly bool _manySteps;
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
        for (var i = 0; i < _steps.Length; i++)
        {
            var step = job.Steps[i];
            _steps[i] = new StepRunner(this, i, step, loggers.CreateLogger("Calc.Operator." + step.OperatorId));
            if (i > 0)
            {
                _steps[i - 1].Next = _steps[i];
            }

            maxLatency = Math.Max(maxLatency, step.Definition.AllowedLatencyMs);
        }

        _first = _steps[0];
        _manySteps = _steps.Length > WatermarkSlots.Count;
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

    /// <summary>Where trace lines go, or null when nothing is traced (set before <see cref="Open"/>).</summary>
    public Tracing.TraceLog? TraceLog { get; set; }

    /// <summary>Where a trace attached while the lane runs is found (<c>GET /jobs/{id}/trace</c>); read once per record.</summary>
    public Tracing.TraceTap? TraceTap { get; set; }

    /// <summary>True while a record of a traced asset goes through the steps; each step keeps a copy (<see cref="SetTraceOn"/>).</summary>
    internal bool TraceOn { get; private set; }

    // The trace the record in flight goes to (TraceLog or the tap's).
    private Tracing.TraceLog? _tracing;

    /// <summary>The lines of the traced record going through the steps now; handed to <see cref="TraceLog"/> when it is done.</summary>
    internal readonly List<Tracing.TraceEvent> TraceLines = [];

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

    /// <summary>
    /// Processes one input record (from the job's source): it goes through the steps in order, each step
    /// advancing its own watermark of the asset once it has processed the record (see <see cref="StepRunner"/>),
    /// and is then counted once, as processed or filtered (see the Ledger part).
    /// </summary>
    public void Process(in PointRecord record)
    {
        if (!string.Equals(record.OrgId, Job.Definition.OrgId, StringComparison.Ordinal))
        {
            Metrics.CountFiltered("filtered.otherOrg");
            return;
        }

        var track = Track(record.AssetId);
        track.LastArrivalMs = Clock.NowMs;
        track.IdleFlushed = false;
        track.FromSource = true;
        BeginRecord();
        try
        {
            // Untraced (no trace, no tap attached): one branch, the trace flag is never touched.
            if ((TraceLog ?? TraceTap?.Log) is { } tracing)
            {
                PushTraced(tracing, in record, track);
            }
            else
            {
                _first.Push(in record, derived: false, track);
            }
        }
        catch (Exception ex) when (IsPluginFault(ex))
        {
            throw Blame(ex, record.AssetId);
        }

        EndRecord();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void PushTraced(Tracing.TraceLog tracing, in PointRecord record, AssetTrack track)
    {
        _tracing = tracing;
        SetTraceOn(tracing.Filter.Matches(in record));
        try
        {
            _first.Push(in record, derived: false, track);
        }
        finally
        {
            if (TraceOn)
            {
                EndTrace();
            }
        }
    }

    /// <summary>
    /// Sets the flag in the lane and in every step: a step checks its own field per record, one load from
    /// an object it already reads, not a load of the lane first. Only traced lanes ever call it.
    /// </summary>
    private void SetTraceOn(bool on)
    {
        TraceOn = on;
        foreach (var step in _steps)
        {
            step.TraceOn = on;
        }
    }

    private void EndTrace()
    {
        SetTraceOn(false);
        _tracing!.AddRecord(TraceLines);
        TraceLines.Clear();
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

    /// <summary>The watermark of an asset at one step, or <see cref="long.MinValue"/> if no record of it reached the step yet.</summary>
    internal long GetWatermark(string assetId, int step) =>
        _assets.Find(assetId) is { } track ? track.Watermark(step) : long.MinValue;

    /// <summary>The track of an asset an output record (of a step) is about; an asset that only outputs are about arrives with them.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal AssetTrack TrackDerived(string assetId)
    {
        var track = Track(assetId);
        if (!track.FromSource)
        {
            ArrivedDerived(track);
        }

        return track;
    }

    /// <summary>Adds the event-time watermark (latest record time, Unix ms) of every asset this lane has seen to <paramref name="into"/>. Not thread-safe: call it while the lane is idle.</summary>
    public void CollectWatermarks(List<long> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        foreach (var (_, track) in _assets)
        {
            var watermark = track.Watermark(0); // the first step's: the latest time of the asset's source records
            if (watermark != long.MinValue)
            {
                into.Add(watermark);
            }
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void ArrivedDerived(AssetTrack track)
    {
        track.LastArrivalMs = Clock.NowMs;
        track.IdleFlushed = false;
    }

    internal void WriteOutput(in PointRecord record)
    {
        Metrics.Outputs++;
        _sink.Write(in record);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private AssetTrack Track(string assetId)
    {
        var track = _assets.Get(assetId);
        if (_manySteps)
        {
            track.Reserve(_steps.Length);
        }

        return track;
    }

    private void FlushIdle(long now)
    {
        // Flushing emits records, which can add the track of an asset that only outputs are about: collect first.
        _idle.Clear();
        foreach (var (assetId, track) in _assets)
        {
            if (!track.IdleFlushed && now - track.LastArrivalMs >= _idleAfterMs)
            {
                track.IdleFlushed = true;
                _idle.Add(assetId);
            }
        }

        foreach (var assetId in _idle)
        {
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
