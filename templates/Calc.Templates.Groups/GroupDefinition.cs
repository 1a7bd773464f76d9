using Calc.Sdk;

namespace Calc.Templates.Groups;

internal sealed class GroupDefinition(GroupSettings settings, IReadOnlyList<GroupPolicy> policies) : IOperatorDefinition
{
    public IReadOnlyList<PointRef> Inputs { get; } = [.. policies.Select(p => p.Input)];

    public IReadOnlyList<PointRef> Outputs { get; } = [.. policies.Select(p => p.Output)];

    public long AllowedLatencyMs => settings.LatencyMs;

    public IOperator CreateInstance() => new GroupOperator(settings, policies);
}
