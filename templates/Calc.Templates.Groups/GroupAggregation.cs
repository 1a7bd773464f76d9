namespace Calc.Templates.Groups;

internal enum GroupAggregation
{
    Sum,
    Avg,
    Min,
    Max,
    Count,
}
