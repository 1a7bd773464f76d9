using Calc.Sdk;

namespace Calc.Templates.Merging;

/// <summary>
/// References to related assets' latest point values: <c>${parent.MODEL::POINT}</c> reads the parent's
/// cache, <c>${sibling.MODEL::POINT}</c> the cache of the one asset of MODEL under the same parent. The
/// related asset's own records (of MODEL::POINT) fill its cache as any asset's; each asset resolves each
/// relation once, through the asset directory, and then reads the related cache by reference.
/// </summary>
internal abstract partial class MergingOperatorBase
{
    /// <summary>The relation keys' models (<c>sibling.weather</c>), one per distinct relation of the job.</summary>
    private readonly string[] _relations;

    /// <summary>Per slot: the index in <see cref="_relations"/> of a relation slot, or -1 for the asset's own point or attribute.</summary>
    private readonly int[] _relationOf;

    /// <summary>Per relation slot: the slot of the related asset's own point (<c>weather::IRRADIATION</c>) that holds its value.</summary>
    private readonly int[] _sourceOf;

    private readonly int[] _triggeringRelations;
    private readonly List<AssetCache> _linking = [];
    private bool _relink;

    /// <summary>True after a restore until the caches are linked to their relatives again.</summary>
    protected bool RelinkPending => _relink;

    private static (string[] Relations, int[] RelationOf, int[] SourceOf) MapRelations(SlotKey[] slots)
    {
        var relations = new List<string>();
        var relationOf = new int[slots.Length];
        var sourceOf = new int[slots.Length];
        for (var i = 0; i < slots.Length; i++)
        {
            relationOf[i] = -1;
            sourceOf[i] = -1;
            if (!slots[i].IsRelation)
            {
                continue;
            }

            var r = relations.IndexOf(slots[i].Model);
            if (r < 0)
            {
                r = relations.Count;
                relations.Add(slots[i].Model);
            }

            relationOf[i] = r;
            sourceOf[i] = Array.IndexOf(slots, slots[i].Source);
        }

        return ([.. relations], relationOf, sourceOf);
    }

    /// <summary>The related asset's cache of relation <paramref name="r"/> for this asset, resolved on first use.</summary>
    private AssetCache? Relative(AssetCache cache, int r)
    {
        if (cache.Resolved[r] == RelationState.Unresolved)
        {
            Resolve(cache, r);
        }

        return cache.Related[r];
    }

    private void Resolve(AssetCache cache, int r)
    {
        var key = new SlotKey(_relations[r], "");
        var target = FindRelative(cache.AssetId, key, out var state, out var why);
        cache.Resolved[r] = state;
        cache.Related[r] = target is null ? null : Caches.GetRelative(cache.OrgId, key.RelatedModel, target);
        cache.Related[r]?.AddDependent(r, cache);
    }

    /// <summary>The relations some rule's trigger names (<c>"triggerPoint": "sibling.weather::IRRADIATION"</c>).</summary>
    private int[] TriggeringRelations()
    {
        var found = new List<int>();
        foreach (var policy in Policies)
        {
            if (policy.Trigger is { IsRelation: true } trigger && Array.IndexOf(_relations, trigger.Model) is var r and >= 0 && !found.Contains(r))
            {
                found.Add(r);
            }
        }

        return [.. found];
    }

    /// <summary>
    /// Resolves, once per asset, the relations that trigger rules, so that the asset is among its
    /// relatives' dependents before their first record. After a restore every cache is linked again.
    /// </summary>
    protected void Link(AssetCache cache)
    {
        if (cache.Linked)
        {
            return;
        }

        cache.Linked = true;
        foreach (var r in _triggeringRelations)
        {
            Relative(cache, r);
        }
    }

    /// <summary>A related asset's latest value of a rule's relation slot; false (the rule is skipped and counted) when there is none.</summary>
    /// <remarks>Out of line: rules without relations keep <see cref="Evaluate"/> small.</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private bool ReadRelated(AssetCache cache, int slot, int policyIndex, ITraceSink? trace, out PointValue value)
    {
        var r = _relationOf[slot];
        var source = _sourceOf[slot];
        if (Relative(cache, r) is not { } related || !related.Seen[source])
        {
            SkipRelation(cache, r, slot, policyIndex, trace);
            value = PointValue.Null;
            return false;
        }

        value = related.Values[source];
        return true;
    }

    /// <summary>Whether some rule's trigger names a relation (only then are assets linked to their relatives on their first record).</summary>
    protected bool HasRelationTriggers { get; }

    /// <summary>Links every cache (after a restore, whose caches know no relatives yet).</summary>
    protected void LinkAll()
    {
        _relink = false;
        Caches.CopyTo(_linking);
        foreach (var cache in _linking)
        {
            if (cache.FromRecords)
            {
                Link(cache);
            }
        }
    }

    /// <summary>Evaluates the rules a related asset's record triggers for each of its dependents (the inverters of a weather station's record).</summary>
    protected void EvaluateRelatives(MergingRoute route, AssetCache cache, in PointRecord record, ITraceSink? trace)
    {
        var value = record.Value;
        foreach (var (policy, slot) in route.RelationTriggers)
        {
            if (cache.Dependents[_relationOf[slot]] is not { } dependents)
            {
                continue;
            }

            foreach (var dependent in dependents)
            {
                Evaluate(policy, dependent, record.Time, slot, in value, record.Attr, trace);
            }
        }
    }

    /// <summary>
    /// Counts (and traces) a rule skipped because relation slot <paramref name="slot"/> has no value:
    /// <c>skipped.ambiguousReference</c> when the asset has several siblings of the model (reported as a
    /// problem of the job and logged once per asset), else <c>skipped.missingReference</c>.
    /// </summary>
    private void SkipRelation(AssetCache cache, int r, int slot, int policyIndex, ITraceSink? trace)
    {
        var state = cache.Resolved[r];
        if (state is RelationState.Ambiguous or RelationState.AmbiguousReported)
        {
            if (trace is not null)
            {
                TraceSkipped(trace, policyIndex, "skipped.ambiguousReference", $"cannot read {Slots[slot]}: {MissingRelative(cache, slot)}");
            }

            if (state == RelationState.AmbiguousReported)
            {
                Context.Metrics.Count("skipped.ambiguousReference");
                return;
            }

            cache.Resolved[r] = RelationState.AmbiguousReported;
            var why = MissingRelative(cache, slot);
            Context.Metrics.Report("skipped.ambiguousReference", $"asset {cache.AssetId}: {Slots[slot]}: {why}");
            MergingLog.AmbiguousSibling(Context.Logger, cache.AssetId, _relations[r], why);
            return;
        }

        if (trace is not null)
        {
            TraceSkipped(trace, policyIndex, "skipped.missingReference", $"has no value of {Slots[slot]}: {MissingRelative(cache, slot)}");
        }

        Context.Metrics.Count("skipped.missingReference");
    }

    /// <summary>The asset a relation names for <paramref name="assetId"/>, or null with why not.</summary>
    private string? FindRelative(string assetId, SlotKey key, out RelationState state, out string why)
    {
        state = RelationState.None;
        if (!Context.Assets.TryGetParent(assetId, out var parent) || parent is null)
        {
            why = $"asset {assetId} has no parent in the asset hierarchy";
            return null;
        }

        if (string.Equals(key.Relation, SlotKey.Parent, StringComparison.Ordinal))
        {
            state = RelationState.Found;
            why = $"its parent {parent}";
            return parent;
        }

        var model = key.RelatedModel;
        var found = new List<string>();
        foreach (var child in Context.Assets.GetChildren(parent))
        {
            if (!string.Equals(child, assetId, StringComparison.Ordinal) && Context.Assets.TryGetModel(child, out var childModel)
                && string.Equals(childModel, model, StringComparison.Ordinal))
            {
                found.Add(child);
            }
        }

        switch (found.Count)
        {
            case 0:
                why = $"no other asset of model {model} is under its parent {parent}";
                return null;
            case 1:
                state = RelationState.Found;
                why = $"its sibling of model {model} under {parent}";
                return found[0];
            default:
                state = RelationState.Ambiguous;
                found.Sort(StringComparer.Ordinal);
                why = $"{found.Count} assets of model {model} are under its parent {parent} ({string.Join(", ", found)}): sibling.{model} needs exactly one";
                return null;
        }
    }

    /// <summary>The trace line of a relation slot that has no value: which asset it names and why it has none.</summary>
    private string MissingRelative(AssetCache cache, int slot)
    {
        var key = Slots[slot];
        var target = FindRelative(cache.AssetId, key, out _, out var why);
        return target is null ? why : $"{target} ({why}) has sent no {key.Source} yet";
    }
}
