using Calc.Sdk;

namespace Acme.PowerCurve;

/// <summary>A validated <c>acme.power-curve</c> step. Immutable; each lane gets its own operator instance.</summary>
internal sealed record PowerCurveDefinition(
    PointRef WindSpeed,
    PointRef Power,
    Curve Curve,
    PointRef ExpectedOutput,
    PointRef? DeviationOutput,
    PointRef? FlagOutput,
    double Tolerance,
    Trigger Trigger) : IOperatorDefinition
{
    public IReadOnlyList<PointRef> Inputs => [WindSpeed, Power];

    public IReadOnlyList<PointRef> Outputs =>
        [ExpectedOutput, .. DeviationOutput is { } d ? [d] : Array.Empty<PointRef>(), .. FlagOutput is { } f ? [f] : Array.Empty<PointRef>()];

    public IOperator CreateInstance() => new PowerCurveOperator(this);
}
