namespace Calc.Templates.Groups;

/// <summary>One member's running aggregate for one group window (over its valid values).</summary>
internal struct MemberValue
{
    public long Count;
    public double Sum;
    public double Min;
    public double Max;
    public long FirstTime;
    public double First;
    public long LastTime;
    public double Last;

    public readonly bool HasValue => Count > 0;

    public void Add(long time, double value)
    {
        if (Count == 0)
        {
            Min = value;
            Max = value;
            FirstTime = time;
            First = value;
            LastTime = time;
            Last = value;
        }
        else
        {
            Min = Math.Min(Min, value);
            Max = Math.Max(Max, value);
            if (time < FirstTime)
            {
                FirstTime = time;
                First = value;
            }

            // Ties at equal time go by arrival: the first to arrive stays first, the last to arrive is last.
            if (time >= LastTime)
            {
                LastTime = time;
                Last = value;
            }
        }

        Count++;
        Sum += value;
    }

    public readonly double Result(MemberAggregation aggregation) => aggregation switch
    {
        MemberAggregation.Avg => Sum / Count,
        MemberAggregation.Max => Max,
        MemberAggregation.Min => Min,
        MemberAggregation.Sum => Sum,
        MemberAggregation.Count => Count,
        MemberAggregation.First => First,
        _ => Last,
    };
}
