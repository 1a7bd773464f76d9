using Calc.Engine.Plugins;
using Calc.Sdk;

namespace Calc.Engine.Runtime;

/// <summary>
/// Blame for plugin failures, kept cheap on the hot path: no try/catch per step and record, and no
/// reference stores (each would cost a GC write barrier). While a plugin step's code runs, the lane's
/// <see cref="JobInstance.Running"/> holds the step's index (and the step its callback); while records it
/// emits travel downstream (the next steps, the sinks) it is reset. The lane's entry points
/// (<see cref="JobInstance.Process"/>, <c>Tick</c>, <c>FlushAll</c>…) each have one exception filter: an
/// exception escaping while a plugin step runs becomes a <see cref="PluginFailedException"/> naming
/// that step's plugin; any other exception (the engine's own, a sink's) passes unchanged.
/// </summary>
internal sealed partial class StepRunner
{
    private readonly int _index;
    private PluginPhase _phase;
    private string? _asset;

    /// <summary>The failure of this step's operator in the callback it is running; <paramref name="inputAsset"/> is the asset of the lane's input record, if any.</summary>
    public PluginFailedException Fail(Exception ex, string? inputAsset) =>
        Fail(_phase, _phase is PluginPhase.Process ? inputAsset : _asset, ex);

    private void Enter(PluginPhase phase, string? assetId)
    {
        if (_plugin is not null)
        {
            _phase = phase;
            _asset = assetId;
            _lane.Running = _index;
        }
    }

    private void Leave() => _lane.Running = JobInstance.EngineRunning;

    private IOperator CreateGuarded(IOperatorDefinition definition)
    {
        try
        {
            return definition.CreateInstance();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var failure = Fail(PluginPhase.CreateInstance, null, ex);
            _lane.Failure ??= failure;
            throw failure;
        }
    }

    private PluginFailedException Fail(PluginPhase phase, string? assetId, Exception ex) =>
        new(new PluginFault(_lane.Job.Definition.Id, Step.Path, Step.OperatorId, _plugin!, phase.ToString(), assetId), ex);
}
