using Calc.Sdk;

namespace Calc.Templates.Merging;

/// <summary>Point trigger: each good record of a trigger point evaluates its rules (SPEC §5.2).</summary>
internal sealed class MergingOperator(IReadOnlyList<MergePolicy> policies, SlotKey[] slots) : MergingOperatorBase(policies, slots)
{
    public override void Process(in PointRecord record)
    {
        if (HasRelationTriggers)
        {
            ProcessLinked(in record);
            return;
        }

        // No rule is triggered by a relative: the record triggers only its own asset's rules.
        var route = Remember(in record, out var cache);
        if (route is null || route.Triggers.Length == 0)
        {
            if (route is not null)
            {
                TraceCached(in record, route);
            }

            return;
        }

        Trigger(route, cache ?? Caches.Get(in record), in record, Context.Trace);
    }

    /// <summary>With rules triggered by a related asset's point: assets are linked to their relatives, whose records evaluate their rules.</summary>
    private void ProcessLinked(in PointRecord record)
    {
        if (RelinkPending)
        {
            LinkAll();
        }

        var route = Remember(in record, out var cache);
        if (route is not null)
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

        var trace = Context.Trace;
        Trigger(route, cache!, in record, trace);
        if (route.RelationTriggers.Length > 0)
        {
            EvaluateRelatives(route, cache!, in record, trace);
        }
    }

    // A trigger point the rule does not reference has no slot: its cache entry is created on demand (by the caller).
    private void Trigger(MergingRoute route, AssetCache cache, in PointRecord record, ITraceSink? trace)
    {
        var value = record.Value;
        foreach (var (policy, slot) in route.Triggers)
        {
            Evaluate(policy, cache, record.Time, slot, in value, record.Attr, trace);
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
