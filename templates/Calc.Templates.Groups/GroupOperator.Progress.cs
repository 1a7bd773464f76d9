using Calc.Sdk;

namespace Calc.Templates.Groups;

/// <summary>The group's event-time progress: which members hold a window, when windows close, archive and recount.</summary>
internal sealed partial class GroupOperator
{
    private void Wake(Member member)
    {
        member.Idle = false;
        var group = member.Group;
        if (group.NextEnd != long.MaxValue && member.Effective < group.NextEnd)
        {
            group.Holders++;
        }
    }

    /// <summary>A live member's progress moved from <paramref name="before"/> to <paramref name="after"/>.</summary>
    private void Moved(Member member, long before, long after)
    {
        var group = member.Group;
        var next = group.NextEnd;
        if (before == after || next == long.MaxValue)
        {
            return;
        }

        if (before < next && after >= next)
        {
            group.Holders--;
            Check(group);
        }
        else if (before >= next && after < next)
        {
            group.Holders++;
        }
    }

    private void Check(Group group)
    {
        if (group.NextEnd == long.MaxValue)
        {
            return;
        }

        if (group.Holders <= 0 || (settings.MaxMemberLagMs is { } lag && group.MaxWatermark - lag >= group.NextEnd))
        {
            Close(group);
        }
    }

    /// <summary>Emits every window the live members have all passed (or, with maxMemberLag, left far behind), then archives and recounts.</summary>
    private void Close(Group group)
    {
        var minLive = MinLiveEffective(group, out var anyLive);
        foreach (var window in group.Windows)
        {
            if (window.Emitted)
            {
                continue;
            }

            if (window.End <= minLive)
            {
                Emit(group, window, anyLive ? CalMode.OnTime : CalMode.Final);
            }
            else if (settings.MaxMemberLagMs is { } lag && group.MaxWatermark - lag >= window.End)
            {
                foreach (var member in group.Members)
                {
                    if (!member.Idle && member.Watermark < window.End)
                    {
                        (window.LeftOut ??= []).Add(member.Index);
                    }
                }

                Emit(group, window, CalMode.OnTime);
            }
            else
            {
                break;
            }
        }

        ArchiveClosed(group);
        Recount(group);
    }

    /// <summary>Moves emitted windows that no known member can change any more into the archive, and drops archive entries past retention.</summary>
    private void ArchiveClosed(Group group)
    {
        var windows = group.Windows;
        var aggregation = policies[_policy].Member;
        var archived = 0;
        while (archived < windows.Count)
        {
            var window = windows[archived];
            if (!window.Emitted || !Settled(group, window))
            {
                break;
            }

            var at = group.FindArchived(window.Start);
            group.Archive.Insert(at >= 0 ? at : ~at, new ArchivedWindow(window.Start, window.End, window.Totals(aggregation)));
            if (window.LeftOut is { } leftOut)
            {
                group.ArchivedLeftOut[window.Start] = leftOut;
            }

            archived++;
        }

        windows.RemoveRange(0, archived);
        var drop = 0;
        while (drop < group.Archive.Count && group.Archive[drop].End + settings.LatencyMs + settings.RetentionMs <= group.MaxWatermark)
        {
            group.DroppedBefore = Math.Max(group.DroppedBefore, group.Archive[drop].End);
            group.ArchivedLeftOut.Remove(group.Archive[drop].Start);
            drop++;
        }

        group.Archive.RemoveRange(0, drop);
    }

    private bool Settled(Group group, GroupWindow window)
    {
        var limit = window.End + settings.LatencyMs;
        foreach (var member in group.Members)
        {
            if (member.Watermark < limit && (window.LeftOut is null || !window.LeftOut.Contains(member.Index)))
            {
                return false;
            }
        }

        return true;
    }

    private static long MinLiveEffective(Group group, out bool anyLive)
    {
        var min = long.MaxValue;
        anyLive = false;
        foreach (var member in group.Members)
        {
            if (!member.Idle)
            {
                anyLive = true;
                min = Math.Min(min, member.Effective);
            }
        }

        return min;
    }

    private static void Recount(Group group)
    {
        var next = long.MaxValue;
        foreach (var window in group.Windows)
        {
            if (!window.Emitted)
            {
                next = window.End;
                break;
            }
        }

        var holders = 0;
        if (next != long.MaxValue)
        {
            foreach (var member in group.Members)
            {
                if (!member.Idle && member.Effective < next)
                {
                    holders++;
                }
            }
        }

        group.NextEnd = next;
        group.Holders = holders;
    }
}
