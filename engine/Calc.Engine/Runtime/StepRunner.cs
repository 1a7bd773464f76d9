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
internal sealed partial class StepRunner : IOperatorContext, IOperatorMetrics
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

    public long GetWatermark(string assetId) => _lane.GetWatermark(assetId);

    public void Count(string name, long amount = 1) => _lane.Metrics.Count(name, amount);

    public bool Report(string name, string message)
    {
        _lane.Metrics.Count(name);
        return _lane.Metrics.Problems.Add(message);
    }

    public void Push(in PointRecord record, bool derived)
    {
        _currentDerived = derived;
        if (_plugin is null)
        {
            Operator.Process(in record);
        }
        else
        {
            _phase = PluginPhase.Process;
            _lane.Running = _index;
            Operator.Process(in record);
            _lane.Running = JobInstance.EngineRunning;
        }

        if (!_isFilter)
        {
            Forward(in record, derived);
        }
    }

    public void Emit(in PointRecord record)
    {
        var derived = !_isFilter || _currentDerived;
        if (_plugin is null)
        {
            Forward(in record, derived);
        }
        else
        {
            // Downstream steps and sinks are not this plugin's code: while they run, it is not blamed.
            _lane.Running = JobInstance.EngineRunning;
            Forward(in record, derived);
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

    public void OnWatermark(string assetId, long watermark)
    {
        Enter(PluginPhase.OnWatermark, null); // the asset is the input record's: not stored on this per-record path
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

    private void Forward(in PointRecord record, bool derived)
    {
        if (Next is not null)
        {
            Next.Push(in record, derived);
        }
        else if (derived)
        {
            _lane.WriteOutput(in record);
        }
    }
}
