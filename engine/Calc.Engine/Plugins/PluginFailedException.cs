namespace Calc.Engine.Plugins;

/// <summary>
/// An operator from a plugin threw while a job ran it (in <c>Open</c>, <c>Process</c>, a timer, a
/// flush, a checkpoint or <c>Close</c>). The job that ran it has failed and must be closed; the
/// process and other jobs are not affected. The plugin's own exception is <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class PluginFailedException : Exception
{
    public PluginFailedException()
    {
    }

    public PluginFailedException(string message)
        : base(message)
    {
    }

    public PluginFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal PluginFailedException(PluginFault fault, Exception innerException)
        : base(Describe(fault, innerException), innerException)
    {
        JobId = fault.JobId;
        StepPath = fault.StepPath;
        OperatorId = fault.OperatorId;
        PluginId = fault.Plugin.Id;
        PluginVersion = fault.Plugin.Version;
        Phase = fault.Phase;
        AssetId = fault.AssetId;
    }

    /// <summary>The job that failed.</summary>
    public string? JobId { get; }

    /// <summary>Where the operator stands in the job (<c>pipeline[2]</c>; empty for a job's template).</summary>
    public string? StepPath { get; }

    /// <summary>The operator (or template) id, as the job names it.</summary>
    public string? OperatorId { get; }

    /// <summary>The plugin that provided the operator.</summary>
    public string? PluginId { get; }

    /// <summary>The plugin's version.</summary>
    public string? PluginVersion { get; }

    /// <summary>The callback that threw: <c>CreateInstance</c>, <c>Open</c>, <c>Process</c>, <c>OnWatermark</c>, <c>OnTimer</c>, <c>FlushAsset</c>, <c>FlushAll</c>, <c>WriteCheckpoint</c>, <c>RestoreCheckpoint</c> or <c>Close</c>.</summary>
    public string? Phase { get; }

    /// <summary>The asset being processed, when the callback concerned one.</summary>
    public string? AssetId { get; }

    private static string Describe(PluginFault fault, Exception inner)
    {
        var where = (fault.Phase, fault.AssetId) switch
        {
            ("Process", { } asset) => $"on asset {asset}",
            (var phase, { } asset) => $"in {phase} on asset {asset}",
            (var phase, null) => $"in {phase}",
        };
        return $"operator {fault.OperatorId} from plugin {fault.Plugin.Id} {fault.Plugin.Version} failed {where}: {inner.Message} ({inner.GetType().Name})";
    }
}
