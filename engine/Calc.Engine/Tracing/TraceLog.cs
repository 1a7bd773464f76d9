namespace Calc.Engine.Tracing;

/// <summary>
/// The trace lines of a run, in the order they happened. Lanes may share one log: only traced records
/// write to it, under a lock. Bounded: past <see cref="Capacity"/> lines further ones are counted in
/// <see cref="Dropped"/>, not kept.
/// </summary>
public sealed class TraceLog(TraceFilter filter, int capacity = TraceLog.DefaultCapacity)
{
    /// <summary>The default bound on kept lines.</summary>
    public const int DefaultCapacity = 100_000;

    private readonly List<TraceEvent> _events = [];
    private readonly Lock _gate = new();

    public TraceFilter Filter { get; } = filter;

    public int Capacity { get; } = capacity;

    public long Dropped { get; private set; }

    public IReadOnlyList<TraceEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    internal int Count
    {
        get
        {
            lock (_gate)
            {
                return _events.Count;
            }
        }
    }

    internal void Add(TraceEvent e) => Insert(int.MaxValue, e);

    /// <summary>Inserts at <paramref name="index"/> (a step's verdict goes before the lines of the steps after it).</summary>
    internal void Insert(int index, TraceEvent e)
    {
        lock (_gate)
        {
            if (_events.Count >= Capacity)
            {
                Dropped++;
                return;
            }

            if (index >= _events.Count)
            {
                _events.Add(e);
            }
            else
            {
                _events.Insert(index, e);
            }
        }
    }
}
