namespace Calc.Templates.Groups;

/// <summary>The combination of members' window values: how many, their sum, smallest and largest.</summary>
internal struct GroupTotals
{
    public int Members;
    public double Sum;
    public double Min;
    public double Max;

    public void Add(double value)
    {
        if (Members == 0)
        {
            Min = value;
            Max = value;
        }
        else
        {
            Min = Math.Min(Min, value);
            Max = Math.Max(Max, value);
        }

        Members++;
        Sum += value;
    }

    public void Add(in GroupTotals other)
    {
        if (other.Members == 0)
        {
            return;
        }

        if (Members == 0)
        {
            this = other;
            return;
        }

        Members += other.Members;
        Sum += other.Sum;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
    }

    public readonly double Result(GroupAggregation aggregation) => aggregation switch
    {
        GroupAggregation.Sum => Sum,
        GroupAggregation.Avg => Sum / Members,
        GroupAggregation.Min => Min,
        GroupAggregation.Max => Max,
        _ => Members,
    };
}
