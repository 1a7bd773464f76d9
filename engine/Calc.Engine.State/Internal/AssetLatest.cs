using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Calc.Engine.State.Internal;

/// <summary>The writer's in-memory state of one asset. Guarded by the writer's lock.</summary>
internal sealed class AssetLatest(string orgId, string assetId)
{
    public string OrgId { get; } = orgId;

    public string AssetId { get; } = assetId;

    public string Key { get; } = StateKeys.Latest(orgId, assetId);

    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private string[] _ids = new string[4];
    private PointSlot[] _slots = new PointSlot[4];
    private int _count;
    private int _next;

    /// <summary>
    /// The slot of a point, added when new. A device sends its points in the same order each time, so
    /// the slot after the last one used is tried first (one string compare instead of a hash lookup).
    /// The reference is valid until the next call that adds a point.
    /// </summary>
    public ref PointSlot GetOrAdd(string pointId, out bool existed)
    {
        var i = _next;
        if (i < _count && string.Equals(_ids[i], pointId, StringComparison.Ordinal))
        {
            existed = true;
        }
        else
        {
            ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_index, pointId, out existed);
            if (!existed)
            {
                if (_count == _ids.Length)
                {
                    Array.Resize(ref _ids, _count * 2);
                    Array.Resize(ref _slots, _count * 2);
                }

                _ids[_count] = pointId;
                index = _count++;
            }

            i = index;
        }

        _next = i + 1 == _count ? 0 : i + 1;
        return ref _slots[i];
    }

    /// <summary>The slot of a known point, or a null reference.</summary>
    public ref PointSlot Find(string pointId)
    {
        if (_index.TryGetValue(pointId, out var i))
        {
            return ref _slots[i];
        }

        return ref Unsafe.NullRef<PointSlot>();
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
