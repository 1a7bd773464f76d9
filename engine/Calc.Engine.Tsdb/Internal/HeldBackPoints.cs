using Calc.Sdk;

namespace Calc.Engine.Tsdb.Internal;

/// <summary>
/// Provisional records (<c>early</c>, <c>onTime</c>) a line-protocol writer holds back until their value
/// is final, so that a database without upserts (VictoriaMetrics keeps every sample of a timestamp) stores
/// each (series, time) once. A held value is released (written) when its series gets a record for a
/// later time (the next window or bucket: the held one can no longer change unless the job's latency is
/// longer than its step) or when the input ends; a later record of the same series and time replaces it
/// (merged). Changes of one batch are staged and applied only once that batch is acknowledged, so a
/// failed write can be repeated.
/// </summary>
internal sealed class HeldBackPoints
{
    private readonly Dictionary<SeriesKey, List<Held>> _held = [];
    private readonly Dictionary<SeriesKey, List<Held>> _staged = [];
    private long _count;

    /// <summary>Records held now.</summary>
    public long Count => Volatile.Read(ref _count);

    /// <summary>Forgets what the last selection staged.</summary>
    public void BeginBatch() => _staged.Clear();

    /// <summary>
    /// A record of <paramref name="series"/> at <paramref name="time"/>: the held ones of that series for earlier
    /// times go to <paramref name="release"/>; a held one for the same time is dropped (returns true: merged).
    /// </summary>
    public bool Arrive(SeriesKey series, long time, List<(PointRecord Record, string? Site)> release)
    {
        if (!_staged.TryGetValue(series, out var list))
        {
            if (!_held.TryGetValue(series, out var current))
            {
                return false;
            }

            list = new List<Held>(current);
            _staged[series] = list;
        }

        var merged = false;
        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (list[i].Time < time)
            {
                release.Add((list[i].Record, list[i].Site));
                list.RemoveAt(i);
            }
            else if (list[i].Time == time)
            {
                list.RemoveAt(i);
                merged = true;
            }
        }

        return merged;
    }

    /// <summary>Holds a provisional record (after <see cref="Arrive"/> for it).</summary>
    public void Hold(SeriesKey series, in PointRecord record, string? site)
    {
        if (!_staged.TryGetValue(series, out var list))
        {
            list = _held.TryGetValue(series, out var current) ? new List<Held>(current) : [];
            _staged[series] = list;
        }

        list.Add(new Held(record.Time, record, site));
    }

    /// <summary>Every held record, in no particular order (the input ended).</summary>
    public List<PointRecord> All()
    {
        var all = new List<PointRecord>();
        foreach (var list in _held.Values)
        {
            foreach (var held in list)
            {
                all.Add(held.Record);
            }
        }

        return all;
    }

    /// <summary>The batch was acknowledged: its staged changes become the held state.</summary>
    public void Commit()
    {
        foreach (var (series, list) in _staged)
        {
            if (_held.TryGetValue(series, out var old))
            {
                _count -= old.Count;
            }

            if (list.Count == 0)
            {
                _held.Remove(series);
            }
            else
            {
                _held[series] = list;
                _count += list.Count;
            }
        }

        _staged.Clear();
    }

    private readonly record struct Held(long Time, PointRecord Record, string? Site);
}
