namespace Calc.Engine.State.Internal;

/// <summary>Identifies one asset across orgs.</summary>
internal readonly record struct AssetKey(string OrgId, string AssetId);
