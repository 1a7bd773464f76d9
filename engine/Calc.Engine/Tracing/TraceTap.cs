namespace Calc.Engine.Tracing;

/// <summary>
/// A place a running job's lanes look for a trace while they run: one <see cref="TraceLog"/> at a time is
/// attached (from any thread) and detached again; lanes read it once per record. With nothing attached
/// a record costs one read of a field.
/// </summary>
public sealed class TraceTap
{
    private TraceLog? _log;

    /// <summary>The attached trace, or null.</summary>
    public TraceLog? Log => Volatile.Read(ref _log);

    /// <summary>Attaches <paramref name="log"/>; false when another one is attached.</summary>
    public bool TryAttach(TraceLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return Interlocked.CompareExchange(ref _log, log, null) is null;
    }

    /// <summary>Detaches <paramref name="log"/> if it is the one attached.</summary>
    public void Detach(TraceLog log) => Interlocked.CompareExchange(ref _log, null, log);
}
