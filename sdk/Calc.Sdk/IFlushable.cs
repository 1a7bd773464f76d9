namespace Calc.Sdk;

/// <summary>
/// Optional capability: the operator holds open windows or buckets that must be closed when the
/// input ends or an asset goes idle.
/// </summary>
public interface IFlushable
{
    /// <summary>
    /// An asset has sent nothing for the job's <c>idleTimeout</c> plus this operator's
    /// <see cref="IOperatorDefinition.AllowedLatencyMs"/> of wall-clock time: close what is open for it
    /// (emit as <see cref="CalMode.Final"/>). Called once per idle period.
    /// </summary>
    void FlushAsset(string assetId);

    /// <summary>A bounded input ended (or the job is draining): close everything that is open.</summary>
    void FlushAll();
}
