namespace Calc.Templates.Windows;

/// <summary>The running aggregate of one window of one asset.</summary>
internal sealed class WindowAccumulator(long start)
{
    public long Start { get; } = start;

    public long Count;
    public double Sum;
    public double Min = double.PositiveInfinity;
    public double Max = double.NegativeInfinity;
    public long FirstTime = long.MaxValue;
    public double First;
    public long LastTime = long.MinValue;
    public double Last;
    public bool Emitted;

    public void Add(long time, double value)
    {
        Count++;
        Sum += value;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
        if (time < FirstTime)
        {
            FirstTime = time;
            First = value;
        }

        if (time >= LastTime)
        {
            LastTime = time;
            Last = value;
        }
    }

    public double Result(Aggregation aggregation) => aggregation switch
    {
        Aggregation.Avg => Sum / Count,
        Aggregation.Max => Max,
        Aggregation.Min => Min,
        Aggregation.Sum => Sum,
        Aggregation.Count => Count,
        Aggregation.First => First,
        _ => Last,
    };
}
