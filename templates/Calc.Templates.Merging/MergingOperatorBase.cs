using Calc.Sdk;
using Microsoft.Extensions.Logging;

namespace Calc.Templates.Merging;

/// <summary>The latest-value cache and rule evaluation shared by the point and frequency triggers.</summary>
internal abstract partial class MergingOperatorBase : IOperator, ICheckpointable
{
    private readonly PointValue[][] _args;
    private readonly RouteTable _routes;
    private PointType?[] _outputTypes = [];
    private readonly bool[] _loggedError;

    protected MergingOperatorBase(IReadOnlyList<MergePolicy> policies, SlotKey[] slots)
    {
        Policies = policies;
        Slots = slots;
        (_relations, _relationOf, _sourceOf) = MapRelations(slots);
        Caches = new AssetCaches(slots.Length, _relations.Length);
        _triggeringRelations = TriggeringRelations();
        HasRelationTriggers = _triggeringRelations.Length > 0;
        _args = [.. policies.Select(p => new PointValue[p.Slots.Length])];
        _loggedError = new bool[policies.Count];
        _routes = new RouteTable(BuildRoute);
    }

    protected IReadOnlyList<MergePolicy> Policies { get; }

    protected SlotKey[] Slots { get; }

    protected AssetCaches Caches { get; }

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

    /// <summary>
    /// Updates the cache with a good record and returns its route (null for a bad-quality record) and
    /// the asset's cache (null when the record updates no slot).
    /// </summary>
    protected MergingRoute? Remember(in PointRecord record, out AssetCache? cache)
    {
        cache = null;
        if (record.Quality != 0)
        {
            Context.Trace?.Write(TraceKind.Filtered, $"filtered.quality: quality {record.Quality}; the rules use quality-0 records only");
            Context.Metrics.Count("filtered.quality");
            return null;
        }

        // No Metrics.Used() per record: the only record this template leaves out (bad quality) it leaves
        // out for every rule at once, so its own rules never disagree about a record.
        var route = _routes.Get(record.ModelId, record.PointId);
        if (route.Slots.Length == 0)
        {
            return route;
        }

        cache = Caches.Get(in record);
        foreach (var slot in route.Slots)
        {
            cache.Update(slot, record.Time, record.Value);
        }

        return route;
    }

    /// <summary>The rules a record of this (model, point) triggers and the slot its value takes; none unless a derived operator says so.</summary>
    protected virtual (int Policy, int Slot)[] TriggersOf(string model, string point) => [];

    private MergingRoute BuildRoute(string model, string point)
    {
        var slots = new List<int>();
        for (var i = 0; i < Slots.Length; i++)
        {
            if (_relationOf[i] < 0 && string.Equals(Slots[i].Point, point, StringComparison.Ordinal) && (Slots[i].Model.Length == 0 || string.Equals(Slots[i].Model, model, StringComparison.Ordinal)))
            {
                slots.Add(i);
            }
        }

        var relationTriggers = new List<(int, int)>();
        for (var p = 0; p < Policies.Count; p++)
        {
            if (Policies[p].Trigger is { IsRelation: true } trigger && string.Equals(trigger.Point, point, StringComparison.Ordinal)
                && string.Equals(trigger.RelatedModel, model, StringComparison.Ordinal))
            {
                relationTriggers.Add((p, Array.IndexOf(Slots, trigger)));
            }
        }

        return new MergingRoute([.. slots], TriggersOf(model, point), [.. relationTriggers]);
    }

    /// <summary>
    /// An attribute a rule references: <c>${parent::NAME}</c> is attribute NAME of the asset's parent in
    /// the asset hierarchy (a site's <c>capacity_kWp</c>); any other reference is the asset's own attribute.
    /// </summary>
    private bool ReadAttribute(string assetId, SlotKey slot, out PointValue value)
    {
        if (string.Equals(slot.Model, ParentModel, StringComparison.Ordinal))
        {
            if (Context.Assets.TryGetParent(assetId, out var parent) && parent is not null)
            {
                return Context.Assets.TryGetAttribute(parent, slot.Point, out value);
            }

            value = PointValue.Null;
            return false;
        }

        return Context.Assets.TryGetAttribute(assetId, slot.Point, out value);
    }

    /// <summary>The reference prefix naming the parent asset's attributes.</summary>
    private const string ParentModel = "parent";

    /// <summary>Evaluates one rule from the cache (the trigger slot, if any, takes the trigger's own value) and emits; <paramref name="trace"/> is the step's trace while a traced record is in it.</summary>
    protected void Evaluate(int policyIndex, AssetCache cache, long time, int triggerSlot, in PointValue triggerValue, PointAttributes? attr, ITraceSink? trace = null)
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
            else if (_relationOf[slot] >= 0)
            {
                if (!ReadRelated(cache, slot, policyIndex, trace, out args[i]))
                {
                    return;
                }
            }
            else if (cache.Seen[slot])
            {
                args[i] = cache.Values[slot];
            }
            else if (!ReadAttribute(cache.AssetId, Slots[slot], out args[i]))
            {
                if (trace is not null)
                {
                    TraceMissing(trace, policyIndex, slot);
                }

                Context.Metrics.Count("skipped.missingReference");
                return;
            }
        }

        PointValue result;
        try
        {
            result = policy.Rule.Evaluate(args, new EvaluationContext(time, cache.AssetId));
        }
        catch (ExpressionEvaluationException ex)
        {
            // Counted always; kept among the job's last distinct problems; logged once per rule and distinct message.
            var message = $"rule policies[{policyIndex}] ({policy.Output}): {ex.Message}";
            if (Context.Metrics.Report("skipped.ruleError", message) || !_loggedError[policyIndex])
            {
                _loggedError[policyIndex] = true;
                MergingLog.RuleFailed(Context.Logger, policyIndex, policy.Output.ToString(), cache.AssetId,
                    DateTimeOffset.FromUnixTimeMilliseconds(time).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture), ex.Message);
            }

            return;
        }

        if (trace is not null)
        {
            TraceInputs(trace, policyIndex, cache, triggerSlot);
        }

        if (result.IsNull)
        {
            if (trace is not null)
            {
                TraceSkipped(trace, policyIndex, "skipped.nullResult", "gave null: no output");
            }

            Context.Metrics.Count("skipped.nullResult");
            return;
        }

        if (_outputTypes[policyIndex] is { } declared)
        {
            if (!PointCoercion.TryCoerce(in result, declared, out var coerced))
            {
                if (trace is not null)
                {
                    TraceSkipped(trace, policyIndex, "skipped.coercionFailed", $"gave {result}, which is not a {declared} as the model declares {Policies[policyIndex].Output}");
                }

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
}
