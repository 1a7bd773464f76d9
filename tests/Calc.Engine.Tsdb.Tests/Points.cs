using Calc.Sdk;

namespace Calc.Engine.Tsdb.Tests;

/// <summary>Builds point records for tests.</summary>
internal static class Points
{
    public const long T0 = 1_589_500_800_000; // 2020-05-15T00:00:00Z

    public static PointRecord Number(string asset, string point, long time, double value, string model = "inverter",
        string org = "o1", CalMode mode = CalMode.None, string? attr = null) =>
        Make(asset, point, time, PointValue.FromNumber(value), model, org, mode, attr);

    public static PointRecord Make(string asset, string point, long time, PointValue value, string model = "inverter",
        string org = "o1", CalMode mode = CalMode.None, string? attr = null) => new()
        {
            OrgId = org,
            ModelId = model,
            AssetId = asset,
            PointId = point,
            Time = time,
            Value = value,
            CalMode = mode,
            Attr = attr is null ? null : PointAttributes.Parse(attr),
        };
}
