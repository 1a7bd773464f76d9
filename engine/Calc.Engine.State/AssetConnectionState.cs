namespace Calc.Engine.State;

/// <summary>What <see cref="ConnectionTracker"/> knows of one asset.</summary>
/// <param name="OrgId">Tenant.</param>
/// <param name="ModelId">Model of the asset.</param>
/// <param name="AssetId">Asset.</param>
/// <param name="SiteId">Site (from <c>attr.siteId</c>), or null when never seen.</param>
/// <param name="Status">Current status.</param>
/// <param name="SinceMs">When the current status began (epoch ms).</param>
/// <param name="LastRecordTimeMs">Largest event time of a record of the asset (epoch ms).</param>
public readonly record struct AssetConnectionState(
    string OrgId, string ModelId, string AssetId, string? SiteId, ConnectionStatus Status, long SinceMs, long LastRecordTimeMs);
