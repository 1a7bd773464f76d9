namespace Calc.Templates.Groups;

/// <summary>
/// One window of one group: each member's value so far, and the frozen totals of members that can no
/// longer change it (kept when the window is archived and revived for a member seen for the first time).
/// </summary>
internal sealed class GroupWindow(long start, long end, int members)
{
    public long Start { get; } = start;

    public long End { get; } = end;

    public bool Emitted;

    /// <summary>Values of the members, by <see cref="Member.Index"/> (grown when the group gains members).</summary>
    public MemberValue[] Values = new MemberValue[Math.Max(members, 4)];

    /// <summary>Totals folded in when the window was archived.</summary>
    public GroupTotals Frozen;

    /// <summary>Members left out by <c>maxMemberLag</c>: their later records for this window are too late (null: none).</summary>
    public HashSet<int>? LeftOut;

    public ref MemberValue Value(int index)
    {
        if (index >= Values.Length)
        {
            Array.Resize(ref Values, Math.Max(index + 1, Values.Length * 2));
        }

        return ref Values[index];
    }

    public GroupTotals Totals(MemberAggregation aggregation)
    {
        var totals = Frozen;
        var values = Values;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i].HasValue)
            {
                totals.Add(values[i].Result(aggregation));
            }
        }

        return totals;
    }
}
