using Calc.Sdk;
using Calc.Sdk.Testing;

namespace Acme.PowerCurve.Tests;

/// <summary>Builds drivers for the operator through the plugin's public entry point, as Calc would.</summary>
internal static class Drivers
{
    /// <summary>A curve easy to check by hand: 0 kW at cut-in 3 m/s, 200 kW at 5, 2000 kW from 10 to cut-out 25.</summary>
    public const string HandCurve = "[[3,0],[5,200],[10,2000],[25,2000]]";

    public static IOperatorFactory Factory { get; } = PluginFactories.Get(new PowerCurvePlugin(), PowerCurvePlugin.OperatorId);

    public static OperatorTestDriver Create(string extraParams = "", string curve = HandCurve) =>
        new(Factory, Params(extraParams, curve));

    public static string Params(string extraParams = "", string curve = HandCurve) =>
        "{\"params\":{\"windSpeed\":\"turbine::WindSpeed\",\"power\":\"turbine::ActivePower\",\"curve\":" + curve
        + ",\"expectedOutput\":\"turbine::Expected\",\"deviationOutput\":\"turbine::Deviation\",\"flagOutput\":\"turbine::Flag\""
        + extraParams + "}}";

    /// <summary>The value of the last output of <paramref name="pointId"/>.</summary>
    public static PointValue Last(OperatorTestDriver driver, string pointId) =>
        driver.Outputs.Last(o => o.PointId == pointId).Value;
}
