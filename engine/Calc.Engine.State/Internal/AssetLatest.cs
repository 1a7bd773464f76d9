using System.Runtime.CompilerServices;

namespace Calc.Engine.State.Internal;

/// <summary>The writer's in-memory state of one asset. Guarded by the writer's lock.</summary>
internal sealed class AssetLatest(string orgId, string assetId)
{
    public string OrgId { get; } = orgId;

    public string AssetId { get; } = assetId;

    public string Key { get; } = StateKeys.Latest(orgId, assetId);

    /// <summary>Up to this many points an asset's points are found by a scan; beyond, through a dictionary.</summary>
    private const int ScanLimit = 16;

    private Dictionary<string, int>? _index;
    private string[] _ids = new string[4];
    private PointSlot[] _slots = new PointSlot[4];
    private int _count;
    private int _next;

    /// <summary>
    /// The slot of a point, added when new. A device sends its points in the same order each time, so
    /// the slot after the last one used is tried first (one string compare instead of a hash lookup);
    /// an asset has few points, so the others are scanned (a dictionary only past 16 points).
    /// The reference is valid until the next call that adds a point.
    /// </summary>
    public ref PointSlot GetOrAdd(string pointId, out bool existed)
    {
        var i = _next;
        if (i >= _count || !string.Equals(_ids[i], pointId, StringComparison.Ordinal))
        {
            i = IndexOf(pointId);
            if (i < 0)
            {
                i = Add(pointId);
                existed = false;
                _next = i + 1 == _count ? 0 : i + 1;
                return ref _slots[i];
            }
        }

        existed = true;
        _next = i + 1 == _count ? 0 : i + 1;
        return ref _slots[i];
    }

    /// <summary>The slot of a known point, or a null reference.</summary>
    public ref PointSlot Find(string pointId)
    {
        var i = IndexOf(pointId);
        return ref i < 0 ? ref Unsafe.NullRef<PointSlot>() : ref _slots[i];
    }

    private int IndexOf(string pointId)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(pointId, out var found) ? found : -1;
        }

        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_ids[i], pointId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private int Add(string pointId)
    {
        if (_count == _ids.Length)
        {
            Array.Resize(ref _ids, _count * 2);
            Array.Resize(ref _slots, _count * 2);
        }

        _ids[_count] = pointId;
        _slots[_count] = default;
        if (_index is not null)
        {
            _index.Add(pointId, _count);
        }
        else if (_count + 1 > ScanLimit)
        {
            _index = new Dictionary<string, int>(_count + 1, StringComparer.Ordinal);
            for (var j = 0; j <= _count; j++)
            {
                _index.Add(_ids[j], j);
            }
        }

        return _count++;
    }

    /// <summary>Ids of points whose slot may be dirty (checked again when taken).</summary>
    public List<string> DirtyPoints { get; } = [];

    /// <summary>Is in the writer's dirty list.</summary>
    public bool Queued { get; set; }

    /// <summary>The times stored in Garnet have been merged in (or a script guards every write).</summary>
    public bool Loaded { get; set; }

    public long LastTouchMs { get; set; }

    /// <summary>When EXPIRE was last sent for the key; long.MinValue when never.</summary>
    public long ExpireSetMs { get; set; } = long.MinValue;
}
