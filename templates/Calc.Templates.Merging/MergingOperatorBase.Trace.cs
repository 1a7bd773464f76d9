using System.Globalization;
using System.Text;
using Calc.Sdk;

namespace Calc.Templates.Merging;

/// <summary>
/// The merging template's trace lines: which values a rule was computed from (this record's, a cached
/// one with its time, an attribute), why a rule gave nothing, and what a record that triggers no rule did.
/// Built only while a traced record is in the step.
/// </summary>
internal abstract partial class MergingOperatorBase
{
    /// <summary>"policies[0] (m::y) from m::a=3 (this record), m::b=5 of 2018-01-01T00:00:00Z".</summary>
    private void TraceInputs(ITraceSink trace, int policyIndex, AssetCache cache, int triggerSlot)
    {
        var policy = Policies[policyIndex];
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"policies[{policyIndex}] ({policy.Output}) from "));
        for (var i = 0; i < policy.Slots.Length; i++)
        {
            var slot = policy.Slots[i];
            text.Append(i == 0 ? "" : ", ").Append(Slots[slot]).Append('=').Append(_args[policyIndex][i]);
            text.Append(slot == triggerSlot ? " (this record)"
                : _relationOf[slot] >= 0 ? $" of {cache.Related[_relationOf[slot]]!.AssetId} at {Iso(cache.Related[_relationOf[slot]]!.Times[_sourceOf[slot]])}"
                : cache.Seen[slot] ? " of " + Iso(cache.Times[slot])
                : " (attribute)");
        }

        trace.Write(TraceKind.State, text.ToString());
    }

    private void TraceMissing(ITraceSink trace, int policyIndex, int slot) =>
        trace.Write(TraceKind.Skipped, $"skipped.missingReference: policies[{policyIndex}] ({Policies[policyIndex].Output}) has no value of {Slots[slot]} for this asset yet, and the asset has no attribute {Slots[slot].Point}");

    private void TraceSkipped(ITraceSink trace, int policyIndex, string counter, string why) =>
        trace.Write(TraceKind.Skipped, $"{counter}: policies[{policyIndex}] ({Policies[policyIndex].Output}) {why}");

    /// <summary>A good record that only updates the cache: the rules that will use it when their trigger arrives.</summary>
    protected void TraceCached(in PointRecord record, MergingRoute route)
    {
        if (Context.Trace is not { } trace || route.Slots.Length == 0)
        {
            return;
        }

        var waiting = new List<string>();
        for (var p = 0; p < Policies.Count; p++)
        {
            if (Policies[p].Trigger is { } trigger && route.Slots.Any(s => Policies[p].Slots.Contains(s)))
            {
                waiting.Add($"policies[{p}] ({Policies[p].Output}) on its trigger {trigger}");
            }

            if (route.Slots.FirstOrDefault(s => Policies[p].Slots.Any(ps => _relationOf[ps] >= 0 && _sourceOf[ps] == s), -1) is var read and >= 0)
            {
                var through = Policies[p].Slots.First(ps => _relationOf[ps] >= 0 && _sourceOf[ps] == read);
                waiting.Add($"policies[{p}] ({Policies[p].Output}) of its relatives, as {Slots[through]}");
            }
        }

        if (waiting.Count > 0)
        {
            trace.Write(TraceKind.State, $"cached {record.ModelId}::{record.PointId}={record.Value} for {string.Join(", ", waiting)}");
        }
    }

    private static string Iso(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
