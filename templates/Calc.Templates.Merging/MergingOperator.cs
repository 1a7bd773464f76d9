using Calc.Sdk;

namespace Calc.Templates.Merging;

/// <summary>Point trigger: each good record of a trigger point evaluates its rules (SPEC §5.2).</summary>
internal sealed class MergingOperator : MergingOperatorBase
{
    private readonly Dictionary<(string, string), (int Policy, int Slot)[]> _exactTriggers = [];
    private readonly Dictionary<string, (int Policy, int Slot)[]> _bareTriggers = new(StringComparer.Ordinal);

    public MergingOperator(IReadOnlyList<MergePolicy> policies, SlotKey[] slots)
        : base(policies, slots)
    {
        for (var p = 0; p < policies.Count; p++)
        {
            var policy = policies[p];
            var triggers = policy.AnyTrigger ? policy.Slots.Select(s => slots[s]).Distinct() : [policy.Trigger!.Value];
            foreach (var key in triggers)
            {
                var slot = Array.IndexOf(slots, key);
                var entry = (p, slot);
                if (key.Model.Length == 0)
                {
                    _bareTriggers[key.Point] = _bareTriggers.TryGetValue(key.Point, out var e) ? [.. e, entry] : [entry];
                }
                else
                {
                    var k = (key.Model, key.Point);
                    _exactTriggers[k] = _exactTriggers.TryGetValue(k, out var e) ? [.. e, entry] : [entry];
                }
            }
        }
    }

    public override void Process(in PointRecord record)
    {
        var cache = Remember(in record);
        if (record.Quality != 0)
        {
            return;
        }

        var exact = _exactTriggers.TryGetValue((record.ModelId, record.PointId), out var e) ? e : null;
        var bare = _bareTriggers.TryGetValue(record.PointId, out var b) ? b : null;
        if (exact is null && bare is null)
        {
            return;
        }

        if (cache is null)
        {
            // A trigger point the rule does not reference: its cache entry is created on demand.
            cache = new AssetCache(record.OrgId, record.ModelId, record.AssetId, Slots.Length);
            Caches[record.AssetId] = cache;
        }

        var value = record.Value;
        foreach (var (policy, slot) in exact ?? [])
        {
            Evaluate(policy, cache, record.Time, slot, in value, record.Attr);
        }

        foreach (var (policy, slot) in bare ?? [])
        {
            Evaluate(policy, cache, record.Time, slot, in value, record.Attr);
        }
    }
}
