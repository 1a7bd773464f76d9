namespace Calc.Engine.State.Internal;

/// <summary>The tracker's state of one asset. Guarded by the tracker's lock.</summary>
internal sealed class AssetConnection(string orgId, string assetId, string modelId)
{
    public string OrgId { get; } = orgId;

    public string AssetId { get; } = assetId;

    public string Key { get; } = StateKeys.Connection(orgId, assetId);

    public string ModelId { get; set; } = modelId;

    /// <summary>Inactivity timeout of its model in ms; 0 when none.</summary>
    public long TimeoutMs { get; set; }

    public SiteRollup? Site { get; set; }

    /// <summary>The raw attr of the last record, to skip re-reading siteId when it did not change.</summary>
    public byte[]? LastAttr { get; set; }

    /// <summary>The attr object of the last record (the reader reuses it while its bytes repeat).</summary>
    public Calc.Sdk.PointAttributes? LastAttrObject { get; set; }

    public ConnectionStatus Status { get; set; }

    public long SinceMs { get; set; }

    /// <summary>The current offline status came from a connection event (not from inactivity).</summary>
    public bool OfflineByEvent { get; set; }

    public long LastRecordTimeMs { get; set; } = long.MinValue;

    /// <summary>Wall clock of the last record (inactivity and idleness are measured from it).</summary>
    public long LastSeenWallMs { get; set; }

    /// <summary>Deadline of its live entry in the timer queue; long.MaxValue when it has none.</summary>
    public long QueuedDeadline { get; set; } = long.MaxValue;

    public bool Evicted { get; set; }

    /// <summary>Wall clock of the last write.</summary>
    public long PersistedWallMs { get; set; } = long.MinValue;

    public AssetConnectionState Snapshot() =>
        new(OrgId, ModelId, AssetId, Site?.SiteId, Status, SinceMs, LastRecordTimeMs);
}
