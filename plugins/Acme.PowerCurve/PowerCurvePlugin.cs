using Calc.Sdk;

namespace Acme.PowerCurve;

/// <summary>Entry point named in <c>calc-plugin.json</c>: registers the <c>acme.power-curve</c> operator.</summary>
public sealed class PowerCurvePlugin : ICalcPlugin
{
    /// <summary>The operator id jobs use in <c>{"op": "acme.power-curve"}</c>.</summary>
    public const string OperatorId = "acme.power-curve";

    public void Register(IPluginRegistry registry) => registry.Add(new PowerCurveFactory());
}
