using Calc.Sdk;

namespace Calc.Templates.Energy;

internal sealed class EnergyDefinition(EnergyKind kind, EnergySettings settings, IReadOnlyList<EnergyPolicy> policies) : IOperatorDefinition
{
    public IReadOnlyList<PointRef> Inputs { get; } = [.. policies.Select(p => p.Input).Distinct()];

    public IReadOnlyList<PointRef> Outputs { get; } =
        [.. policies.SelectMany(p => new[] { p.DailyOutput, p.DetailOutput }).OfType<PointRef>().Distinct()];

    public IOperator CreateInstance() => kind == EnergyKind.MeterReading
        ? new MeterReadingOperator(settings, policies)
        : new PowerOperator(settings, policies, trapezoid: kind == EnergyKind.InstantPower);
}
