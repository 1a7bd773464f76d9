using Calc.Engine.Preprocessing;
using Calc.Sdk;
using Microsoft.Extensions.Logging;

namespace Calc.Engine.Runtime;

/// <summary>
/// Runs one operator of a lane and is its <see cref="IOperatorContext"/>. Records an operator emits
/// are outputs and continue to the next step; the input it was given is forwarded too (operators
/// add to the stream), except for filter steps, whose emits are the forwarding itself.
/// </summary>
internal sealed class StepRunner : IOperatorContext, IOperatorMetrics
{
    private readonly JobInstance _lane;
    private readonly bool _isFilter;
    private bool _currentDerived;

    public StepRunner(JobInstance lane, CompiledStep step, ILogger logger)
    {
        _lane = lane;
        Step = step;
        _isFilter = step.IsFilter;
        Logger = logger;
        Operator = step.Definition.CreateInstance();
        Preprocessing = new PreprocessorFactory(this);
    }

    public CompiledStep Step { get; }

    public IOperator Operator { get; }

    public StepRunner? Next { get; set; }

    public string JobId => _lane.Job.Definition.Id;

    public string OrgId => _lane.Job.Definition.OrgId;

    public IClock Clock => _lane.Clock;

    public IOperatorMetrics Metrics => this;

    public ILogger Logger { get; }

    public IAssetDirectory Assets => _lane.Assets;

    public IPreprocessorFactory Preprocessing { get; }

    public long GetWatermark(string assetId) => _lane.GetWatermark(assetId);

    public void Count(string name, long amount = 1) => _lane.Metrics.Count(name, amount);

    public void Push(in PointRecord record, bool derived)
    {
        _currentDerived = derived;
        Operator.Process(in record);
        if (!_isFilter)
        {
            Forward(in record, derived);
        }
    }

    /// <summary>Before a callback that may emit (flush, timer): a filter step's emits then forward inputs.</summary>
    public void BeginCallback() => _currentDerived = false;

    public void Emit(in PointRecord record) => Forward(in record, _isFilter ? _currentDerived : true);

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
