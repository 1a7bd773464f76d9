namespace Calc.Templates.Merging;

/// <summary>What records of one (model, point) pair do in an operator: the cache slots they update and the rules they trigger.</summary>
internal sealed class MergingRoute(int[] slots, (int Policy, int Slot)[] triggers)
{
    public int[] Slots { get; } = slots;

    public (int Policy, int Slot)[] Triggers { get; } = triggers;
}
