using Calc.Sdk;
using Calc.Sdk.Testing;
using Calc.Templates.Merging;

namespace Calc.Templates.Merging.Tests;

/// <summary>Starts the multi-point-merging template under the SDK's test driver.</summary>
internal static class Merging
{
    public static OperatorTestDriver Point(string policies, DriverOptions? options = null) =>
        new(PluginFactories.Get(new MergingPlugin(), "multi-point-merging"), "{\"settings\":{\"trigger\":\"point\"},\"policies\":" + policies + "}", options);

    public static OperatorTestDriver Frequency(string frequency, string policies, DriverOptions? options = null) =>
        new(PluginFactories.Get(new MergingPlugin(), "multi-point-merging"), "{\"settings\":{\"trigger\":\"frequency\",\"frequency\":\"" + frequency + "\"},\"policies\":" + policies + "}", options);

    public static (string Asset, string Point, long Time, double Value)[] Values(OperatorTestDriver driver) =>
        [.. driver.Outputs.Select(r => (r.AssetId, r.PointId, r.Time, r.Value.Number))];

    public static long Counter(OperatorTestDriver driver, string name) => driver.Counters.TryGetValue(name, out var value) ? value : 0;
}
