namespace Calc.Templates.Merging;

/// <summary>What records of one (model, point) pair do in an operator: the cache slots they update and the rules they trigger.</summary>
internal sealed class MergingRoute(int[] slots, (int Policy, int Slot)[] triggers, (int Policy, int Slot)[] relationTriggers)
{
    /// <summary>Rules whose trigger is this point of a related asset (<c>sibling.weather::IRRADIATION</c>): each relative of the record's asset is evaluated, by its relation slot.</summary>
    public (int Policy, int Slot)[] RelationTriggers { get; } = relationTriggers;

    public int[] Slots { get; } = slots;

    public (int Policy, int Slot)[] Triggers { get; } = triggers;
}
