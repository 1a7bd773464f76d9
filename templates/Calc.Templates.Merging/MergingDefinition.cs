using Calc.Sdk;

namespace Calc.Templates.Merging;

internal sealed class MergingDefinition(IReadOnlyList<MergePolicy> policies, SlotKey[] slots, long frequencyMs) : IOperatorDefinition
{
    public IReadOnlyList<PointRef> Inputs { get; } = [.. slots.Where(s => s.Model.Length > 0).Select(s => new PointRef(s.Model, s.Point))];

    public IReadOnlyList<PointRef> Outputs { get; } = [.. policies.Select(p => p.Output)];

    public IOperator CreateInstance() => frequencyMs > 0
        ? new FrequencyMergingOperator(policies, slots, frequencyMs)
        : new MergingOperator(policies, slots);
}
