using Calc.Sdk;

namespace Calc.Templates.Windows;

internal sealed class TimeWindowDefinition(WindowSettings settings, IReadOnlyList<WindowPolicy> policies) : IOperatorDefinition
{
    public IReadOnlyList<PointRef> Inputs { get; } = [.. policies.Select(p => p.Input)];

    public IReadOnlyList<PointRef> Outputs { get; } = [.. policies.Select(p => p.Output)];

    public long AllowedLatencyMs => settings.LatencyMs;

    /// <summary>An output's time is its window's start.</summary>
    public SourceRange? SourceOf(PointRef output, long time) => new SourceRange(time, time + settings.WindowMs - 1);

    public IOperator CreateInstance() => new TimeWindowOperator(settings, policies);
}
