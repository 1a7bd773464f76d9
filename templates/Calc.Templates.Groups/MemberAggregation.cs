namespace Calc.Templates.Groups;

internal enum MemberAggregation
{
    Avg,
    Max,
    Min,
    Sum,
    Count,
    First,
    Last,
}
