using System.Runtime.CompilerServices;
using System.Text.Json;
using Calc.Engine.Plugins;
using Calc.Engine.Preprocessing;
using Calc.Sdk;
using Microsoft.Extensions.Logging;

namespace Calc.Engine.Runtime;

/// <summary>
/// Runs one operator of a lane and is its <see cref="IOperatorContext"/>. Records an operator emits
/// are outputs and continue to the next step; the input it was given is forwarded too (operators
/// add to the stream), except for filter steps, whose emits are the forwarding itself. While an
/// operator from a plugin runs, the lane knows it (see the Guard part), so that its exceptions fail the
/// job naming it; the engine's own steps skip that bookkeeping.
/// </summary>
/// <remarks>
/// Event time is kept per step: the step's watermark of an asset is the largest event time of the
/// asset's records that reached this step. A record reaches a step after the earlier steps processed
/// it and passed on everything it made them emit or release; the step processes it, and only then its
/// watermark moves (and <see cref="IWatermarkAware.OnWatermark"/> runs). A record a filter step drops or
/// holds still moves the later steps' watermarks (<see cref="Progress"/>), as it did before it was
/// dropped; records a step emits move the next step's watermark like any other. So what a step emits
/// or releases while processing a record reaches the next step before that record, judged against the
/// watermark the next step had before it: never late merely because the lane read the record first.
/// </remarks>
internal sealed partial class StepRunner : IOperatorContext, IOperatorMetrics, IHoldLedger, ITraceSource
{
    private readonly JobInstance _lane;
    private readonly bool _isFilter;
    private readonly PluginIdentity? _plugin;
    private readonly IWatermarkAware? _watermarkAware;
    private readonly IFlushable? _flushable;
    private readonly ITimerDriven? _timed;
    private readonly ICheckpointable? _checkpointable;
    private bool _currentDerived;

    public StepRunner(JobInstance lane, int index, CompiledStep step, ILogger logger)
    {
        _lane = lane;
        _index = index;
        Step = step;
        _isFilter = step.IsFilter;
        _plugin = (step.Definition as PluginOperatorDefinition)?.Plugin;
        Logger = logger;
        Operator = _plugin is null ? step.Definition.CreateInstance() : CreateGuarded(step.Definition);
        _watermarkAware = Operator as IWatermarkAware;
        _flushable = Operator as IFlushable;
        _timed = Operator as ITimerDriven;
        _checkpointable = Operator as ICheckpointable;
        Preprocessing = new PreprocessorFactory(this);
    }

    public CompiledStep Step { get; }

    public IOperator Operator { get; }

    public StepRunner? Next { get; set; }

    public bool IsWatermarkAware => _watermarkAware is not null;

    public bool IsFlushable => _flushable is not null;

    public bool IsCheckpointable => _checkpointable is not null;

    /// <summary>The timer period of a timer-driven operator, read once when it opened; 0 for none.</summary>
    public long TimerPeriodMs { get; private set; }

    public string JobId => _lane.Job.Definition.Id;

    public string OrgId => _lane.Job.Definition.OrgId;

    public IClock Clock => _lane.Clock;

    public IOperatorMetrics Metrics => this;

    public ILogger Logger { get; }

    public IAssetDirectory Assets => _lane.Assets;

    public IPreprocessorFactory Preprocessing { get; }

    public long GetWatermark(string assetId) => _lane.GetWatermark(assetId, _index);

    public void Count(string name, long amount = 1)
    {
        _lane.Metrics.Count(name, amount);
        if (TraceOn)
        {
            TraceCount(name);
        }

        if (IsLeftOut(name))
        {
            _lane.ReportLeftOut(name);
        }
    }

    public bool Report(string name, string message)
    {
        _lane.Metrics.Count(name);
        if (TraceOn)
        {
            Write(TraceKind.Error, message);
        }

        return _lane.Metrics.Problems.Add(message);
    }

    public void Used() => _lane.ReportUsed();

    public long Hold() => _lane.Hold();

    public long BeginRelease(long ticket) => _lane.BeginRelease(ticket);

    public void EndRelease(long ticket, long saved) => _lane.EndRelease(ticket, saved);

    /// <summary>A record reaches this step: the operator processes it, then this step's watermark of the asset moves.</summary>
    /// <remarks>Per record and step: kept small, with the rare parts (plugins, watermark-aware operators, filters) out of line, so that it inlines.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(in PointRecord record, bool derived, AssetTrack track)
    {
        if (TraceOn && !derived)
        {
            TracePush(in record, derived, track);
            return;
        }

        PushCore(in record, derived, track);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PushCore(in PointRecord record, bool derived, AssetTrack track)
    {
        _currentDerived = derived;
        if (_plugin is null)
        {
            Operator.Process(in record);
        }
        else
        {
            ProcessGuarded(in record);
        }

        ref var watermark = ref track.Watermark(_index);
        if (record.Time > watermark)
        {
            watermark = record.Time;
            if (_watermarkAware is not null)
            {
                OnWatermark(record.AssetId, record.Time);
            }
        }

        if (!_isFilter)
        {
            Forward(in record, derived, track);
        }
        else if (Next is not null)
        {
            AfterFilter(track, record.AssetId, record.Time);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ProcessGuarded(in PointRecord record)
    {
        _phase = PluginPhase.Process;
        _lane.Running = _index;
        Operator.Process(in record);
        _lane.Running = JobInstance.EngineRunning;
    }

    /// <summary>After a filter step: a record it dropped or holds still moves the later steps' event time (passed on, it has already).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AfterFilter(AssetTrack track, string assetId, long time)
    {
        if (time > track.Watermark(_index + 1))
        {
            Next!.Progress(track, assetId, time);
        }
    }

    /// <summary>A record that an earlier filter step dropped or holds: it moves this step's watermark as if it had arrived.</summary>
    public void Progress(AssetTrack track, string assetId, long time)
    {
        ref var watermark = ref track.Watermark(_index);
        if (time <= watermark)
        {
            // Every record that reached a step reached the later ones (or moved them): they are as far already.
            return;
        }

        watermark = time;
        if (_watermarkAware is not null)
        {
            OnWatermark(assetId, time);
        }

        Next?.Progress(track, assetId, time);
    }

    public void Emit(in PointRecord record)
    {
        var derived = !_isFilter || _currentDerived;
        if (TraceOn && derived)
        {
            TraceOutput(in record);
        }

        if (_plugin is null)
        {
            ForwardEmitted(in record, derived);
        }
        else
        {
            // Downstream steps and sinks are not this plugin's code: while they run, it is not blamed.
            _lane.Running = JobInstance.EngineRunning;
            ForwardEmitted(in record, derived);
            _lane.Running = _index;
        }
    }

    public void Open()
    {
        Enter(PluginPhase.Open, null);
        Operator.Open(this);
        TimerPeriodMs = _timed?.TimerPeriodMs ?? 0;
        Leave();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnWatermark(string assetId, long watermark)
    {
        Enter(PluginPhase.OnWatermark, assetId);
        _watermarkAware!.OnWatermark(assetId, watermark);
        Leave();
    }

    /// <summary>A timer tick: a filter step's emits then forward inputs.</summary>
    public void OnTimer(long due)
    {
        _currentDerived = false;
        Enter(PluginPhase.OnTimer, null);
        _timed!.OnTimer(due);
        Leave();
    }

    public void FlushAsset(string assetId)
    {
        _currentDerived = false;
        Enter(PluginPhase.FlushAsset, assetId);
        _flushable!.FlushAsset(assetId);
        Leave();
    }

    public void FlushAll()
    {
        _currentDerived = false;
        Enter(PluginPhase.FlushAll, null);
        _flushable!.FlushAll();
        Leave();
    }

    public void Close()
    {
        Enter(PluginPhase.Close, null);
        Operator.Close();
        Leave();
    }

    public void WriteCheckpoint(Utf8JsonWriter writer)
    {
        Enter(PluginPhase.WriteCheckpoint, null);
        _checkpointable!.WriteCheckpoint(writer);
        Leave();
    }

    public void RestoreCheckpoint(JsonElement state)
    {
        Enter(PluginPhase.RestoreCheckpoint, null);
        _checkpointable!.RestoreCheckpoint(state);
        Leave();
    }

    /// <summary>Passes on the record this step was given (its input), with the asset's track.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Forward(in PointRecord record, bool derived, AssetTrack track)
    {
        if (Next is null)
        {
            if (derived)
            {
                _lane.WriteOutput(in record);
            }
        }
        else if (!derived)
        {
            Next.Push(in record, derived, track);
        }
        else
        {
            ForwardDerived(in record, track);
        }
    }

    /// <summary>Passes on a record the operator emitted; the next step needs the track of the asset it is about (found only then).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ForwardEmitted(in PointRecord record, bool derived)
    {
        if (Next is null)
        {
            if (derived)
            {
                _lane.WriteOutput(in record);
            }
        }
        else if (!derived)
        {
            Next.Push(in record, derived, _lane.TrackDerived(record.AssetId));
        }
        else
        {
            ForwardDerived(in record, _lane.TrackDerived(record.AssetId));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ForwardDerived(in PointRecord record, AssetTrack track)
    {
        // A step's output is not an input record: what the next steps report about it is not about the record in flight.
        var judging = _lane.Judging;
        _lane.Judging = 0;
        Next!.Push(in record, derived: true, track);
        _lane.Judging = judging;
    }

    /// <summary>Counters that say a policy left the record it judges out: <c>filtered.*</c> and <c>tooLate</c>.</summary>
    private static bool IsLeftOut(string name) =>
        name.StartsWith("filtered.", StringComparison.Ordinal) || string.Equals(name, "tooLate", StringComparison.Ordinal);
}
