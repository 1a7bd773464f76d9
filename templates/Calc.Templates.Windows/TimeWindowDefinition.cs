using Calc.Sdk;

namespace Calc.Templates.Windows;

internal sealed class TimeWindowDefinition(WindowSettings settings, IReadOnlyList<WindowPolicy> policies) : IOperatorDefinition
{
    public IReadOnlyList<PointRef> Inputs { get; } = [.. policies.Select(p => p.Input)];

    public IReadOnlyList<PointRef> Outputs { get; } = [.. policies.Select(p => p.Output)];

    public long AllowedLatencyMs => settings.LatencyMs;

    public IOperator CreateInstance() => new TimeWindowOperator(settings, policies);
}
