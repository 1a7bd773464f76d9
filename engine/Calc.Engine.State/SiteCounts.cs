namespace Calc.Engine.State;

/// <summary>Roll-up of one site: how many of its assets are online and offline, and when that last changed.</summary>
/// <param name="OrgId">Tenant.</param>
/// <param name="SiteId">Site.</param>
/// <param name="Online">Assets online.</param>
/// <param name="Offline">Assets offline.</param>
/// <param name="TimeMs">Time of the last change of the counts (epoch ms).</param>
public readonly record struct SiteCounts(string OrgId, string SiteId, int Online, int Offline, long TimeMs);
