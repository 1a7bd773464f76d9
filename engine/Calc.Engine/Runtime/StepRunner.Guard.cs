using System.Text.Json;
using Calc.Engine.Plugins;
using Calc.Sdk;
using Microsoft.Extensions.Logging;

namespace Calc.Engine.Runtime;

/// <summary>
/// The guard around a plugin's operator: an exception thrown inside any of its callbacks becomes a
/// <see cref="PluginFailedException"/> naming the job, operator, plugin, version and asset, which fails
/// this lane only. Exceptions from further down the pipeline (the next step, a sink) that pass through
/// the operator's <see cref="IOperatorContext.Emit"/> are not blamed on it: an exception filter on the
/// emit path marks them on their way out, without catching them.
/// </summary>
internal sealed partial class StepRunner
{
    private bool _downstreamFailed;

    private IOperator CreateGuarded(IOperatorDefinition definition)
    {
        try
        {
            return definition.CreateInstance();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw Fail("CreateInstance", null, ex);
        }
    }

    private void ProcessGuarded(in PointRecord record)
    {
        _downstreamFailed = false;
        try
        {
            Operator.Process(in record);
        }
        catch (Exception ex) when (IsPluginFault(ex))
        {
            throw Fail("Process", record.AssetId, ex);
        }
    }

    private void EmitGuarded(in PointRecord record, bool derived)
    {
        try
        {
            Forward(in record, derived);
        }
        catch (Exception) when (MarkDownstreamFailed())
        {
            throw;
        }
    }

    private void OpenGuarded()
    {
        _downstreamFailed = false;
        try
        {
            Operator.Open(this);
            TimerPeriodMs = _timed?.TimerPeriodMs ?? 0;
        }
        catch (Exception ex) when (IsPluginFault(ex))
        {
            throw Fail("Open", null, ex);
        }
    }

    private void OnWatermarkGuarded(string assetId, long watermark)
    {
        _downstreamFailed = false;
        try
        {
            _watermarkAware!.OnWatermark(assetId, watermark);
        }
        catch (Exception ex) when (IsPluginFault(ex))
        {
            throw Fail("OnWatermark", assetId, ex);
        }
    }

    private void OnTimerGuarded(long due)
    {
        _downstreamFailed = false;
        try
        {
            _timed!.OnTimer(due);
        }
        catch (Exception ex) when (IsPluginFault(ex))
        {
            throw Fail("OnTimer", null, ex);
        }
    }

    private void FlushAssetGuarded(string assetId)
    {
        _downstreamFailed = false;
        try
        {
            _flushable!.FlushAsset(assetId);
        }
        catch (Exception ex) when (IsPluginFault(ex))
        {
            throw Fail("FlushAsset", assetId, ex);
        }
    }

    private void FlushAllGuarded()
    {
        _downstreamFailed = false;
        try
        {
            _flushable!.FlushAll();
        }
        catch (Exception ex) when (IsPluginFault(ex))
        {
            throw Fail("FlushAll", null, ex);
        }
    }

    private void CloseGuarded(bool afterFailure)
    {
        _downstreamFailed = false;
        try
        {
            Operator.Close();
        }
        catch (Exception ex) when (IsPluginFault(ex) && afterFailure)
        {
            Logger.LogWarning(ex, "operator {Operator} from plugin {Plugin} also failed in Close after the job failed", Step.OperatorId, _plugin);
        }
        catch (Exception ex) when (IsPluginFault(ex))
        {
            throw Fail("Close", null, ex);
        }
    }

    private void WriteCheckpointGuarded(Utf8JsonWriter writer)
    {
        _downstreamFailed = false;
        try
        {
            _checkpointable!.WriteCheckpoint(writer);
        }
        catch (Exception ex) when (IsPluginFault(ex))
        {
            throw Fail("WriteCheckpoint", null, ex);
        }
    }

    private void RestoreCheckpointGuarded(JsonElement state)
    {
        _downstreamFailed = false;
        try
        {
            _checkpointable!.RestoreCheckpoint(state);
        }
        catch (Exception ex) when (IsPluginFault(ex))
        {
            throw Fail("RestoreCheckpoint", null, ex);
        }
    }

    /// <summary>Runs during the first pass of exception dispatch, before the operator's frames are searched; never catches.</summary>
    private bool MarkDownstreamFailed()
    {
        _downstreamFailed = true;
        return false;
    }

    private bool IsPluginFault(Exception ex) =>
        !_downstreamFailed && ex is not PluginFailedException and not OutOfMemoryException;

    private PluginFailedException Fail(string phase, string? assetId, Exception ex)
    {
        var fault = new PluginFault(_lane.Job.Definition.Id, Step.Path, Step.OperatorId, _plugin!, phase, assetId);
        var failure = new PluginFailedException(fault, ex);
        _lane.Failure ??= failure;
        return failure;
    }
}
