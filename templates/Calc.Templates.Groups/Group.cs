namespace Calc.Templates.Groups;

/// <summary>
/// One group of one policy (a site, a parent asset, a fleet, within one org): its members, its open
/// and recently closed windows (ordered by start), and the archive of closed windows' totals.
/// <see cref="NextEnd"/> is the end of the oldest window not yet emitted, and <see cref="Holders"/> how
/// many live members have not reached it: the window closes when that count falls to zero.
/// </summary>
internal sealed class Group(string orgId, string key)
{
    public string OrgId { get; } = orgId;

    public string Key { get; } = key;

    public List<Member> Members { get; } = [];

    public List<GroupWindow> Windows { get; } = [];

    public List<ArchivedWindow> Archive { get; } = [];

    /// <summary>Members left out by maxMemberLag of archived windows, by window start.</summary>
    public Dictionary<long, HashSet<int>> ArchivedLeftOut { get; } = [];

    /// <summary>The most advanced member's watermark.</summary>
    public long MaxWatermark = long.MinValue;

    /// <summary>Windows ending at or before this were dropped from the archive: records for them are too late.</summary>
    public long DroppedBefore = long.MinValue;

    public long NextEnd = long.MaxValue;

    public int Holders;

    /// <summary>The window starting at <paramref name="start"/>, or null.</summary>
    public GroupWindow? Find(long start)
    {
        var windows = Windows;
        for (var i = windows.Count - 1; i >= 0; i--)
        {
            var start2 = windows[i].Start;
            if (start2 == start)
            {
                return windows[i];
            }

            if (start2 < start)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>Inserts a window in start order.</summary>
    public void Insert(GroupWindow window)
    {
        var windows = Windows;
        var i = windows.Count;
        while (i > 0 && windows[i - 1].Start > window.Start)
        {
            i--;
        }

        windows.Insert(i, window);
    }

    /// <summary>The position of the archived window starting at <paramref name="start"/>, or a negative number.</summary>
    public int FindArchived(long start)
    {
        int lo = 0, hi = Archive.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var s = Archive[mid].Start;
            if (s == start)
            {
                return mid;
            }

            if (s < start)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }
}
