namespace Calc.Engine.Tracing;

/// <summary>
/// The trace lines of a run, one traced record at a time, in the order the records finished. Lanes may
/// share one log: only traced records reach it, each with all its lines at once, under a lock.
/// Bounded: past <see cref="Capacity"/> kept lines further ones are counted in <see cref="Dropped"/>,
/// not kept; a <see cref="Listener"/> still sees every record.
/// </summary>
/// <param name="filter">Which records are traced.</param>
/// <param name="capacity">How many lines are kept in <see cref="Events"/> (0: none, for a log read only through its listener).</param>
public sealed class TraceLog(TraceFilter filter, int capacity = TraceLog.DefaultCapacity)
{
    /// <summary>The default bound on kept lines.</summary>
    public const int DefaultCapacity = 100_000;

    private readonly List<TraceEvent> _events = [];
    private readonly Lock _gate = new();

    public TraceFilter Filter { get; } = filter;

    public int Capacity { get; } = capacity;

    /// <summary>Lines not kept because <see cref="Capacity"/> was reached.</summary>
    public long Dropped { get; private set; }

    /// <summary>How many records were traced.</summary>
    public long Records { get; private set; }

    /// <summary>
    /// Called with the lines of each traced record as it finishes (under the log's lock, so calls never
    /// overlap, even from several lanes). For writing a trace out while the run goes on; it must not throw.
    /// </summary>
    public Action<IReadOnlyList<TraceEvent>>? Listener { get; init; }

    /// <summary>The kept lines.</summary>
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

    /// <summary>The lines of one traced record, from the lane that processed it.</summary>
    internal void AddRecord(List<TraceEvent> lines)
    {
        lock (_gate)
        {
            Records++;
            var room = Math.Max(0, Capacity - _events.Count);
            if (lines.Count <= room)
            {
                _events.AddRange(lines);
            }
            else
            {
                if (room > 0)
                {
                    _events.AddRange(lines.GetRange(0, room));
                }

                Dropped += lines.Count - room;
            }

            Listener?.Invoke(lines);
        }
    }
}
