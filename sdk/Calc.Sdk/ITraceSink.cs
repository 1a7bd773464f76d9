namespace Calc.Sdk;

/// <summary>
/// Where an operator writes trace lines about the record it is processing. Handed out by
/// <see cref="IOperatorContext.Trace"/> only while a record of a traced asset is being processed; it is
/// null otherwise, so an operator checks it once (<c>if (context.Trace is { } trace)</c>) and builds its
/// line only inside that branch. Used on the operator's lane only.
/// </summary>
public interface ITraceSink
{
    /// <summary>Adds one line about the record in flight at this step (the engine adds the step, the record and the watermark).</summary>
    void Write(TraceKind kind, string detail);
}
