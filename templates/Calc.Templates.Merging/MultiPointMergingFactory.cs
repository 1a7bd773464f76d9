using Calc.Sdk;

namespace Calc.Templates.Merging;

/// <summary>Validates <c>multi-point-merging</c> jobs (SPEC §5.2) and compiles their rules once.</summary>
internal sealed class MultiPointMergingFactory : IOperatorFactory
{
    public string Id => "multi-point-merging";

    public OperatorKind Kind => OperatorKind.Template;

    public IOperatorDefinition? Define(OperatorSpec spec, IDefinitionContext context, ProblemList problems)
    {
        var before = problems.Items.Count;
        var settings = SpecReader.Settings(spec, problems);
        var trigger = settings.Enum("trigger", ["point", "frequency"], "point");
        var frequency = settings.Duration("frequency", required: trigger == "frequency");
        if (frequency is <= 0)
        {
            problems.Add(settings.At("frequency"), "must be longer than 0");
        }

        var slots = new Dictionary<SlotKey, int>();
        var policies = new List<MergePolicy>();
        var outputs = new Dictionary<PointRef, string>();
        foreach (var policy in SpecReader.Policies(spec, problems))
        {
            if (Named(policy, "output") is { } named && !outputs.TryAdd(named, policy.At("output")))
            {
                problems.Add(policy.At("output"), $"{named} is already the output of {outputs[named]}: each policy needs its own output");
            }

            var parsed = ParsePolicy(policy, context, slots, trigger == "point");
            if (parsed is not null)
            {
                policies.Add(parsed);
            }
        }

        if (problems.Items.Count > before)
        {
            return null;
        }

        var keys = new SlotKey[slots.Count];
        foreach (var (key, index) in slots)
        {
            keys[index] = key;
        }

        return new MergingDefinition(policies, keys, trigger == "frequency" ? frequency!.Value : 0);
    }

    private static MergePolicy? ParsePolicy(SpecReader policy, IDefinitionContext context, Dictionary<SlotKey, int> slots, bool pointTrigger)
    {
        var output = policy.Point("output", required: true);
        var hasExpression = policy.Has("expression");
        var hasScript = policy.Has("script");
        if (hasExpression == hasScript)
        {
            policy.Problems.Add(policy.Path, "give exactly one of \"expression\" (NCalc) or \"script\" (C#)");
            return null;
        }

        var field = hasExpression ? "expression" : "script";
        var text = policy.String(field, required: true);
        var triggerText = policy.String("triggerPoint");
        if (text is null)
        {
            return null;
        }

        var language = hasExpression ? ExpressionLanguage.NCalc : ExpressionLanguage.CSharpScript;
        var rule = context.Expressions.Compile(text, language, policy.At(field), policy.Problems);
        if (rule is null || output is null)
        {
            return null;
        }

        var names = rule.References.ToArray();
        var indexes = new int[names.Length];
        var related = true;
        for (var i = 0; i < names.Length; i++)
        {
            var key = SlotKey.Parse(names[i]);
            if (key.IsRelation)
            {
                related &= CheckRelation(policy, field, key);
                Slot(slots, key.Source); // the related asset's own point: its records fill the value
            }

            else if (key.Model is SlotKey.Sibling)
            {
                policy.Problems.Add(policy.At(field), $"the reference {key} names no model: write sibling.MODEL::{key.Point} (the one asset of model MODEL under the same parent)");
                related = false;
            }

            indexes[i] = Slot(slots, key);
        }

        if (!related)
        {
            return null;
        }

        return BuildTrigger(policy, output.Value, rule, indexes, names, triggerText, pointTrigger);
    }

    private static MergePolicy? BuildTrigger(SpecReader policy, PointRef output, ICompiledExpression rule, int[] slots, string[] names, string? triggerText, bool pointTrigger)
    {
        if (!pointTrigger || triggerText == "any")
        {
            return new MergePolicy(output, rule, slots, names, null, AnyTrigger: pointTrigger);
        }

        if (triggerText is null)
        {
            // The first reference to a point of the asset itself: a related asset's record never triggers.
            var first = Array.FindIndex(names, n => !SlotKey.Parse(n).IsRelation);
            if (first < 0)
            {
                policy.Problems.Add(policy.At("triggerPoint"), names.Length == 0
                    ? "the rule references no point, so there is nothing to trigger it: name a triggerPoint or use the frequency trigger"
                    : "the rule references only related assets' points, which trigger it only when named: name a triggerPoint (\"sibling.MODEL::POINT\" runs it for each relative on the related asset's records) or use the frequency trigger");
                return null;
            }

            return new MergePolicy(output, rule, slots, names, SlotKey.Parse(names[first]), false);
        }

        if (!PointRef.TryParse(triggerText, out var trigger))
        {
            policy.Problems.Add(policy.At("triggerPoint"), $"'{triggerText}' is not a point: expected model::point or \"any\"");
            return null;
        }

        var key = new SlotKey(trigger.ModelId, trigger.PointId);
        if (key.IsRelation && !names.Contains(key.ToString()))
        {
            policy.Problems.Add(policy.At("triggerPoint"), $"'{triggerText}' is a related asset's point the rule does not read: a relation trigger must be one of the rule's references (${{{key}}})");
            return null;
        }

        return new MergePolicy(output, rule, slots, names, key, false);
    }

    private static int Slot(Dictionary<SlotKey, int> slots, SlotKey key)
    {
        if (!slots.TryGetValue(key, out var index))
        {
            index = slots.Count;
            slots[key] = index;
        }

        return index;
    }

    /// <summary>A relation reference names a known relation word and a model: <c>parent.MODEL::POINT</c> or <c>sibling.MODEL::POINT</c>.</summary>
    private static bool CheckRelation(SpecReader policy, string field, SlotKey key)
    {
        if (key.Relation is not (SlotKey.Parent or SlotKey.Sibling))
        {
            policy.Problems.Add(policy.At(field), $"unknown relation '{key.Relation}' in the reference {key}: write parent.MODEL::POINT (the latest POINT of the asset's parent, of model MODEL) or sibling.MODEL::POINT (the latest POINT of the one asset of model MODEL under the same parent); a model id cannot hold a dot");
            return false;
        }

        if (key.RelatedModel.Length == 0)
        {
            policy.Problems.Add(policy.At(field), $"the reference {key} names no model: write {key.Relation}.MODEL::{key.Point}");
            return false;
        }

        return true;
    }

    /// <summary>The point a field names, without reporting a bad one (the policy's own reading does).</summary>
    private static PointRef? Named(SpecReader policy, string field) =>
        policy.TryGet(field, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String && PointRef.TryParse(value.GetString()!, out var point) ? point : null;
}
