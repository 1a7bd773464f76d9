using System.Text.Json;
using Calc.Sdk;

namespace Calc.Engine.State.Internal;

/// <summary>Counts of one site. Guarded by the tracker's lock.</summary>
internal sealed class SiteRollup(string orgId, string siteId)
{
    public string OrgId { get; } = orgId;

    public string SiteId { get; } = siteId;

    public string Key { get; } = StateKeys.Site(orgId, siteId);

    /// <summary><c>{"siteId":"…"}</c>, the attr of the events of its assets.</summary>
    public PointAttributes Attr { get; } = PointAttributes.Parse($"{{\"siteId\":{JsonSerializer.Serialize(siteId)}}}");

    public int Online { get; set; }

    public int Offline { get; set; }

    public long TimeMs { get; set; } = long.MinValue;

    public int Members => Online + Offline;

    public void Add(ConnectionStatus status, int delta)
    {
        if (status == ConnectionStatus.Online)
        {
            Online += delta;
        }
        else if (status == ConnectionStatus.Offline)
        {
            Offline += delta;
        }
    }
}
