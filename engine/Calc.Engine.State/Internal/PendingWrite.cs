namespace Calc.Engine.State.Internal;

/// <summary>The changed fields of one asset taken in one flush, and whether to refresh the key's TTL.</summary>
internal sealed record PendingWrite(AssetLatest Asset, PointUpdate[] Updates, bool RefreshExpiry);
