using Calc.Sdk;

namespace Calc.Templates.Merging;

internal sealed class MergingDefinition(IReadOnlyList<MergePolicy> policies, SlotKey[] slots, long frequencyMs) : IOperatorDefinition
{
    /// <summary>
    /// The asset's own points the rules read. A related asset's point (the source of <c>sibling.weather::IRRADIATION</c>)
    /// is not an input of the asset computed, unless a rule also reads it directly.
    /// </summary>
    public IReadOnlyList<PointRef> Inputs { get; } = [.. slots
        .Where((s, i) => s.Model.Length > 0 && !s.IsRelation && policies.Any(p => p.Slots.Contains(i)))
        .Select(s => new PointRef(s.Model, s.Point))];

    public IReadOnlyList<PointRef> Outputs { get; } = [.. policies.Select(p => p.Output)];

    /// <summary>An output at a time is computed from the latest values at that time.</summary>
    public SourceRange? SourceOf(PointRef output, long time) => new SourceRange(time, time);

    public IOperator CreateInstance() => frequencyMs > 0
        ? new FrequencyMergingOperator(policies, slots, frequencyMs)
        : new MergingOperator(policies, slots);
}
