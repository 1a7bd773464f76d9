using Calc.Sdk;

namespace Calc.Templates.Merging;

/// <summary>Point trigger: each good record of a trigger point evaluates its rules (SPEC §5.2).</summary>
internal sealed class MergingOperator(IReadOnlyList<MergePolicy> policies, SlotKey[] slots) : MergingOperatorBase(policies, slots)
{
    public override void Process(in PointRecord record)
    {
        if (RelinkPending)
        {
            LinkAll();
        }

        var route = Remember(in record, out var cache);
        if (route is not null && HasRelationTriggers)
        {
            // Known among its relatives' dependents before they send: their records trigger its rules.
            cache ??= Caches.Get(in record);
            Link(cache);
        }

        if (route is null || (route.Triggers.Length == 0 && route.RelationTriggers.Length == 0))
        {
            if (route is not null)
            {
                TraceCached(in record, route);
            }

            return;
        }

        // A trigger point the rule does not reference has no slot: its cache entry is created on demand.
        cache ??= Caches.Get(in record);
        var value = record.Value;
        var trace = Context.Trace;
        foreach (var (policy, slot) in route.Triggers)
        {
            Evaluate(policy, cache, record.Time, slot, in value, record.Attr, trace);
        }

        if (route.RelationTriggers.Length > 0)
        {
            EvaluateRelatives(route, cache, in record, trace);
        }
    }

    /// <summary>Rules triggered by exactly this model's point first, then by a bare point name (any model), each in policy order.</summary>
    protected override (int Policy, int Slot)[] TriggersOf(string model, string point)
    {
        var exact = new List<(int, int)>();
        var bare = new List<(int, int)>();
        for (var p = 0; p < Policies.Count; p++)
        {
            var policy = Policies[p];
            var keys = policy.AnyTrigger ? policy.Slots.Select(s => Slots[s]).Distinct() : [policy.Trigger!.Value];
            foreach (var key in keys)
            {
                if (key.IsRelation || !string.Equals(key.Point, point, StringComparison.Ordinal))
                {
                    continue;
                }

                if (key.Model.Length == 0)
                {
                    bare.Add((p, Array.IndexOf(Slots, key)));
                }
                else if (string.Equals(key.Model, model, StringComparison.Ordinal))
                {
                    exact.Add((p, Array.IndexOf(Slots, key)));
                }
            }
        }

        return [.. exact, .. bare];
    }
}
