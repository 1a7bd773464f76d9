namespace Calc.Templates.Windows;

internal enum Aggregation
{
    Avg,
    Max,
    Min,
    Sum,
    Count,
    First,
    Last,
}
