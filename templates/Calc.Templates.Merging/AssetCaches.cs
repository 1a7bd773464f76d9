using Calc.Sdk;

namespace Calc.Templates.Merging;

/// <summary>The latest-value caches of the assets seen, by asset id; the last one is remembered by reference (consecutive records of one device).</summary>
internal sealed class AssetCaches(int slots, int relations)
{
    private readonly Dictionary<string, AssetCache> _caches = new(StringComparer.Ordinal);
    private string? _lastAsset;
    private AssetCache? _last;

    public IEnumerable<AssetCache> All => _caches.Values;

    /// <summary>
    /// Copies the caches into <paramref name="buffer"/> (emptied first): a loop that evaluates rules goes
    /// over the copy, since resolving a relation may add a relative's cache.
    /// </summary>
    public void CopyTo(List<AssetCache> buffer)
    {
        buffer.Clear();
        foreach (var cache in _caches.Values)
        {
            buffer.Add(cache);
        }
    }

    /// <summary>The record's asset cache, created when missing.</summary>
    public AssetCache Get(in PointRecord record)
    {
        if (ReferenceEquals(record.AssetId, _lastAsset))
        {
            return _last!;
        }

        if (!_caches.TryGetValue(record.AssetId, out var cache))
        {
            cache = new AssetCache(record.OrgId, record.ModelId, record.AssetId, slots, relations);
            _caches[record.AssetId] = cache;
        }
        else if (!cache.FromRecords)
        {
            cache.Claim(record.OrgId, record.ModelId);
        }

        _lastAsset = record.AssetId;
        _last = cache;
        return cache;
    }

    /// <summary>The cache of a related asset, created empty (a placeholder its first record claims) when missing.</summary>
    public AssetCache GetRelative(string orgId, string modelId, string assetId)
    {
        if (!_caches.TryGetValue(assetId, out var cache))
        {
            cache = AssetCache.Placeholder(orgId, modelId, assetId, slots, relations);
            _caches[assetId] = cache;
        }

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
