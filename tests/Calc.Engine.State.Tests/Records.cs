using Calc.Sdk;

namespace Calc.Engine.State.Tests;

/// <summary>Builds point records for tests.</summary>
public static class Records
{
    public static PointRecord Point(string org, string asset, string point, long time, double value, string model = "inverter", string? site = null, int quality = 0) =>
        Make(org, asset, point, time, PointValue.FromNumber(value), model, site, quality);

    public static PointRecord Make(string org, string asset, string point, long time, PointValue value, string model = "inverter", string? site = null, int quality = 0) => new()
    {
        OrgId = org,
        ModelId = model,
        AssetId = asset,
        PointId = point,
        Time = time,
        Value = value,
        Quality = quality,
        Attr = site is null ? null : PointAttributes.Parse($"{{\"siteId\":\"{site}\",\"vendor\":\"x\"}}"),
    };

    public static PointRecord Connection(string org, string asset, string status, long time, string model = "inverter", string? site = null) =>
        Make(org, asset, ConnectionTracker.ConnectionPointId, time, PointValue.FromString(status), model, site);
}
