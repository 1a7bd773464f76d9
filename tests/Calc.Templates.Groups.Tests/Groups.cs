using Calc.Engine.Runtime;
using Calc.Sdk;
using Calc.Sdk.Testing;

namespace Calc.Templates.Groups.Tests;

/// <summary>Drivers for asset-group-aggregation jobs over a small plant: PLANT1 with INV01..INV03, PLANT2 with INV04.</summary>
internal static class Groups
{
    public static IOperatorFactory Factory { get; } = PluginFactories.Get(new GroupsPlugin(), "asset-group-aggregation");

    public static AssetDirectory Plant()
    {
        var assets = new AssetDirectory();
        foreach (var inverter in new[] { "INV01", "INV02", "INV03" })
        {
            assets.SetParent(inverter, "PLANT1");
        }

        assets.SetParent("INV04", "PLANT2");
        return assets;
    }

    /// <summary>A driver with <paramref name="settings"/> (JSON members without braces) and one policy.</summary>
    public static OperatorTestDriver Driver(string settings, string policy, AssetDirectory? assets = null, long idleTimeoutMs = 60_000, FakeClock? clock = null) =>
        new(Factory, "{\"settings\":{\"groupModel\":\"plant\"," + settings + "},\"policies\":[" + policy + "]}",
            new DriverOptions { Assets = assets ?? Plant(), IdleTimeoutMs = idleTimeoutMs, Clock = clock });

    public static string Policy(string member = "avg", string group = "sum", string extra = "") =>
        "{\"input\":\"inverter::P\",\"memberAggregation\":\"" + member + "\",\"groupAggregation\":\"" + group + "\",\"output\":\"plant::P_SUM\"" + extra + "}";

    public static long Members(in PointRecord record)
    {
        Assert.True(record.Attr!.TryGetValue("members", out var members));
        return (long)members.Number;
    }

    public static (string Asset, long Time, double Value, CalMode Mode, long Members) Row(PointRecord r) =>
        (r.AssetId, r.Time, r.Value.Number, r.CalMode, Members(r));

    /// <summary>The last value emitted per (asset, time): outputs are upserts.</summary>
    public static Dictionary<(string, long), double> Final(IEnumerable<PointRecord> outputs)
    {
        var last = new Dictionary<(string, long), double>();
        foreach (var o in outputs)
        {
            last[(o.AssetId, o.Time)] = o.Value.Number;
        }

        return last;
    }
}
