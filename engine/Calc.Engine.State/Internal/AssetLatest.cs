namespace Calc.Engine.State.Internal;

/// <summary>The writer's in-memory state of one asset. Guarded by the writer's lock.</summary>
internal sealed class AssetLatest(string orgId, string assetId)
{
    public string OrgId { get; } = orgId;

    public string AssetId { get; } = assetId;

    public string Key { get; } = StateKeys.Latest(orgId, assetId);

    public Dictionary<string, PointSlot> Points { get; } = new(StringComparer.Ordinal);

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
