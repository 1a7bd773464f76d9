using System.Globalization;
using Calc.Sdk;

namespace Calc.Templates.Groups;

/// <summary>
/// The group template's trace lines: which group and window took a member's value, the member's and the
/// group's aggregate so far, and which members the window still waits for. Built only while a traced
/// record is in the step.
/// </summary>
internal sealed partial class GroupOperator
{
    private const int NamedWaiting = 3;

    private void TraceApplied(ITraceSink trace, Member member, GroupWindow window, in MemberValue slot, bool emitted = false)
    {
        var policy = policies[_policy];
        var group = member.Group;
        var totals = window.Totals(policy.Member);
        var waiting = group.Members.Where(m => !m.Idle && m.Effective < window.End && !ReferenceEquals(m, member)).ToList();
        var waits = emitted ? "emitted already: a changed result is emitted again as late"
            : waiting.Count == 0 ? "no other member holds it"
            : "waits for " + string.Join(", ", waiting.Take(NamedWaiting).Select(m => m.Watermark == long.MinValue ? m.AssetId : $"{m.AssetId} (at {Iso(m.Effective)})"))
              + (waiting.Count > NamedWaiting ? $" and {waiting.Count - NamedWaiting} more" : "");
        trace.Write(TraceKind.State, string.Create(CultureInfo.InvariantCulture,
            $"group {group.Key} window {Iso(window.Start)}–{Iso(window.End)} of {policy.Output}: {member.AssetId} {Name(policy.Member)} {PointValue.FromNumber(slot.Result(policy.Member))} ({slot.Count} value{(slot.Count == 1 ? "" : "s")}); {totals.Members} of {group.Members.Count} members, {Name(policy.Group)} so far {PointValue.FromNumber(totals.Result(policy.Group))}; {waits}"));
    }

    private void TraceNoGroup(ITraceSink trace, in PointRecord record) =>
        trace.Write(TraceKind.Filtered, settings.GroupByAttribute is { } attribute
            ? $"filtered.noGroup: asset {record.AssetId} has no attribute {attribute} (neither in the asset directory nor in the record's attr)"
            : $"filtered.noGroup: asset {record.AssetId} has no parent in the asset directory");

    private static string Name<T>(T aggregation)
        where T : struct, Enum => aggregation.ToString().ToLowerInvariant();

    private static string Iso(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
