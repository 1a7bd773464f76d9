using Calc.Engine.Tracing;

namespace Calc.Engine.Explaining;

/// <summary>The sentences of an explanation: the verdict first (the value, or why there is none), then what the inputs did.</summary>
internal static class ExplainFindings
{
    public static IReadOnlyList<string> Of(ExplainFacts facts)
    {
        var q = facts.Query;
        var key = q.Point.ToString();
        var step = $"step #{facts.Step.Index} {facts.Step.Operator}";
        var findings = new List<string>();
        if (facts.Values.Count > 0)
        {
            var last = facts.Values[^1];
            findings.Add($"{key} of {q.AssetId} at {TraceJson.Iso(q.Time)} = {last.Value} ({last.CalMode}), written by {step}"
                + (facts.Values.Count == 1 ? $" once, caused by {last.Cause}" : $" {facts.Values.Count} times, the last caused by {last.Cause}"));
        }
        else if (facts.TracedRecords == 0)
        {
            findings.Add($"no {key} of {q.AssetId} at {TraceJson.Iso(q.Time)}: the input has no record of asset {q.AssetId}");
        }
        else
        {
            findings.Add($"no {key} of {q.AssetId} at {TraceJson.Iso(q.Time)}: {NoValueReason(facts, step)}");
        }

        foreach (var input in facts.Inputs)
        {
            findings.Add(Describe(input, facts));
        }

        if (facts.Notes.LastState is { } state)
        {
            findings.Add($"{step} last said: {state}");
        }

        findings.AddRange(facts.Notes.Errors.Select(e => "rule error: " + e));
        if (facts.RejectedLines > 0)
        {
            findings.Add($"{facts.RejectedLines:N0} input lines were rejected (not valid records) and take no part in this; calc run (in its rejected file) and POST /test list them with their reasons");
        }

        return findings;
    }

    private static string NoValueReason(ExplainFacts facts, string step)
    {
        if (facts.Inputs.All(i => i.Records == 0))
        {
            return $"no record of {string.Join(" or ", facts.Inputs.Select(i => i.Point))} for this asset {Range(facts.Range)}";
        }

        if (facts.Inputs.All(i => i.Records == 0 || !i.Verdicts.Any(v => Taken(v.Key))))
        {
            return $"none of the records {Range(facts.Range)} was taken by {step}";
        }

        var reason = $"{step} took records {Range(facts.Range)} but wrote no value at this time";
        if (facts.Notes.Errors.Count > 0)
        {
            return reason + ": the rule failed (the error is below)";
        }

        return facts.Nearest.Count == 0
            ? reason + $"; it wrote no {facts.Query.Point.ToString()} for this asset at all"
            : reason + " (is it the start of one of its periods?); its nearest outputs are " + string.Join(" and ", facts.Nearest.Select(n => $"at {TraceJson.Iso(n.Time)} ({n.Value})"));
    }

    private static string Describe(ExplainedInput input, ExplainFacts facts)
    {
        var text = input.Records == 0
            ? $"{input.Point}: no record {Range(facts.Range)}"
            : $"{input.Point}: {input.Records} record{(input.Records == 1 ? "" : "s")} {Range(facts.Range)}{Span(input)}: "
              + string.Join("; ", input.Verdicts.Select(v => $"{v.Value} {v.Key}"));
        if (input.Records == 0 || input.LastBefore is not null)
        {
            text += input.LastBefore is { } before
                ? $"; the last one before is at {TraceJson.Iso(before)} ({input.LastBeforeValue})"
                : "; none before either";
        }

        if (facts.Writers.TryGetValue(input.Point, out var writer) && writer is not null)
        {
            text += $"; {input.Point} is written by step #{writer.Index} {writer.Operator} from {string.Join(", ", writer.Inputs)}: explain it with --point {input.Point}";
        }

        return text;
    }

    private static string Span(ExplainedInput input) =>
        input.First == input.Last ? "" : $" (the first at {TraceJson.Iso(input.First!.Value)}, the last at {TraceJson.Iso(input.Last!.Value)})";

    private static bool Taken(string verdict) => verdict.EndsWith("taken", StringComparison.Ordinal) || verdict.EndsWith("taken late", StringComparison.Ordinal);

    private static string Range(Sdk.SourceRange range) =>
        range.From == long.MinValue ? $"up to {TraceJson.Iso(range.To)}"
        : range.From == range.To ? $"at {TraceJson.Iso(range.From)}"
        : range.To % 1000 == 999 ? $"in [{TraceJson.Iso(range.From)}, {TraceJson.Iso(range.To + 1)})"
        : $"in [{TraceJson.Iso(range.From)}, {TraceJson.Iso(range.To)}]";
}
