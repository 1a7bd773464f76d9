using Calc.Sdk;

namespace Calc.Templates.Merging;

/// <summary>The latest-value caches of the assets seen, by asset id; the last one is remembered by reference (consecutive records of one device).</summary>
internal sealed class AssetCaches(int slots)
{
    private readonly Dictionary<string, AssetCache> _caches = new(StringComparer.Ordinal);
    private string? _lastAsset;
    private AssetCache? _last;

    public IEnumerable<AssetCache> All => _caches.Values;

    /// <summary>The record's asset cache, created when missing.</summary>
    public AssetCache Get(in PointRecord record)
    {
        if (ReferenceEquals(record.AssetId, _lastAsset))
        {
            return _last!;
        }

        if (!_caches.TryGetValue(record.AssetId, out var cache))
        {
            cache = new AssetCache(record.OrgId, record.ModelId, record.AssetId, slots);
            _caches[record.AssetId] = cache;
        }

        _lastAsset = record.AssetId;
        _last = cache;
        return cache;
    }

    public void Add(AssetCache cache)
    {
        _caches[cache.AssetId] = cache;
        _lastAsset = null;
        _last = null;
    }

    public void Clear()
    {
        _caches.Clear();
        _lastAsset = null;
        _last = null;
    }
}
