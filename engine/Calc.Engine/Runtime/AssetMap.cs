using System.Runtime.CompilerServices;

namespace Calc.Engine.Runtime;

/// <summary>
/// Per-asset state by asset id, for the per-record path: the last asset looked up is remembered by
/// reference (ids read from JSON are interned, and a device's points often come together), so a run
/// of records of one asset skips the hash lookup.
/// </summary>
internal sealed class AssetMap<T> : Dictionary<string, T>
    where T : class, new()
{
    private string? _lastId;
    private T? _last;

    public AssetMap()
        : base(StringComparer.Ordinal)
    {
    }

    /// <summary>The asset's state, created when missing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Get(string assetId) => ReferenceEquals(assetId, _lastId) ? _last! : GetOther(assetId);

    /// <summary>Another asset than the last one: looked up (and created if new), then remembered.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private T GetOther(string assetId)
    {
        if (!TryGetValue(assetId, out var value))
        {
            value = new T();
            this[assetId] = value;
        }

        _lastId = assetId;
        _last = value;
        return value;
    }

    /// <summary>The asset's state, or null when it has none (nothing is created).</summary>
    public T? Find(string assetId)
    {
        if (ReferenceEquals(assetId, _lastId))
        {
            return _last;
        }

        return TryGetValue(assetId, out var value) ? value : null;
    }

    /// <summary>Empties the map (a restore) and forgets the last asset.</summary>
    public new void Clear()
    {
        base.Clear();
        _lastId = null;
        _last = null;
    }
}
