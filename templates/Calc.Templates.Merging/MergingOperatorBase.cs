using Calc.Sdk;
using Microsoft.Extensions.Logging;

namespace Calc.Templates.Merging;

/// <summary>The latest-value cache and rule evaluation shared by the point and frequency triggers.</summary>
internal abstract partial class MergingOperatorBase : IOperator, ICheckpointable
{
    private readonly Dictionary<(string, string), int[]> _exactSlots = [];
    private readonly Dictionary<string, int[]> _bareSlots = new(StringComparer.Ordinal);
    private readonly PointValue[][] _args;
    private PointType?[] _outputTypes = [];
    private bool _loggedError;

    protected MergingOperatorBase(IReadOnlyList<MergePolicy> policies, SlotKey[] slots)
    {
        Policies = policies;
        Slots = slots;
        _args = [.. policies.Select(p => new PointValue[p.Slots.Length])];
        for (var i = 0; i < slots.Length; i++)
        {
            if (slots[i].Model.Length == 0)
            {
                Append(_bareSlots, slots[i].Point, i);
            }
            else
            {
                Append(_exactSlots, (slots[i].Model, slots[i].Point), i);
            }
        }
    }

    protected IReadOnlyList<MergePolicy> Policies { get; }

    protected SlotKey[] Slots { get; }

    protected Dictionary<string, AssetCache> Caches { get; } = new(StringComparer.Ordinal);

    protected IOperatorContext Context { get; private set; } = null!;

    /// <summary>Keeps the context and reads the declared type of each rule's output point once.</summary>
    public virtual void Open(IOperatorContext context)
    {
        Context = context;
        _outputTypes = new PointType?[Policies.Count];
        for (var p = 0; p < Policies.Count; p++)
        {
            var output = Policies[p].Output;
            _outputTypes[p] = context.Assets.TryGetPointType(output.ModelId, output.PointId, out var type) ? type : null;
        }
    }

    public abstract void Process(in PointRecord record);

    public void Close()
    {
    }

    /// <summary>Updates the cache with a good record; returns the asset's cache, or null for a bad-quality record.</summary>
    protected AssetCache? Remember(in PointRecord record)
    {
        if (record.Quality != 0)
        {
            Context.Metrics.Count("skipped.badQuality");
            return null;
        }

        var exact = _exactSlots.TryGetValue((record.ModelId, record.PointId), out var e) ? e : null;
        var bare = _bareSlots.TryGetValue(record.PointId, out var b) ? b : null;
        if (exact is null && bare is null)
        {
            return null;
        }

        if (!Caches.TryGetValue(record.AssetId, out var cache))
        {
            cache = new AssetCache(record.OrgId, record.ModelId, record.AssetId, Slots.Length);
            Caches[record.AssetId] = cache;
        }

        foreach (var slot in exact ?? [])
        {
            cache.Update(slot, record.Time, record.Value);
        }

        foreach (var slot in bare ?? [])
        {
            cache.Update(slot, record.Time, record.Value);
        }

        return cache;
    }

    /// <summary>Evaluates one rule from the cache (the trigger slot, if any, takes the trigger's own value) and emits.</summary>
    protected void Evaluate(int policyIndex, AssetCache cache, long time, int triggerSlot, in PointValue triggerValue, PointAttributes? attr)
    {
        var policy = Policies[policyIndex];
        var args = _args[policyIndex];
        for (var i = 0; i < policy.Slots.Length; i++)
        {
            var slot = policy.Slots[i];
            if (slot == triggerSlot)
            {
                args[i] = triggerValue;
            }
            else if (cache.Seen[slot])
            {
                args[i] = cache.Values[slot];
            }
            else if (!Context.Assets.TryGetAttribute(cache.AssetId, Slots[slot].Point, out args[i]))
            {
                Context.Metrics.Count("skipped.missingReference");
                return;
            }
        }

        PointValue result;
        try
        {
            result = policy.Rule.Evaluate(args);
        }
        catch (ExpressionEvaluationException ex)
        {
            Context.Metrics.Count("skipped.ruleError");
            if (!_loggedError)
            {
                _loggedError = true;
                Context.Logger.LogWarning("rule for {Output} failed on asset {Asset}: {Message}", policy.Output, cache.AssetId, ex.Message);
            }

            return;
        }

        if (result.IsNull)
        {
            Context.Metrics.Count("skipped.nullResult");
            return;
        }

        if (_outputTypes[policyIndex] is { } declared)
        {
            if (!PointCoercion.TryCoerce(in result, declared, out var coerced))
            {
                Context.Metrics.Count("skipped.coercionFailed");
                return;
            }

            result = coerced;
        }

        Context.Emit(new PointRecord
        {
            OrgId = cache.OrgId,
            ModelId = cache.ModelId,
            AssetId = cache.AssetId,
            PointId = policy.Output.PointId,
            Time = time,
            Value = result,
            Attr = attr,
        });
    }

    private static void Append<TKey>(Dictionary<TKey, int[]> map, TKey key, int value)
        where TKey : notnull =>
        map[key] = map.TryGetValue(key, out var existing) ? [.. existing, value] : [value];
}
