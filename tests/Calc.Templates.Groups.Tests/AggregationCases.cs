namespace Calc.Templates.Groups.Tests;

/// <summary>
/// INV01 sends 4 (t=1), 2 (t=3); INV02 sends 10 and 11 (both t=2), 6 (t=5). Member values:
/// avg 3 | 9; sum 6 | 27; min 2 | 6; max 4 | 11; count 2 | 3; first 4 | 10 (tie by arrival); last 2 | 6.
/// </summary>
internal sealed class AggregationCases : TheoryData<string, string, double>
{
    public AggregationCases()
    {
        Add("avg", "sum", 12);
        Add("sum", "sum", 33);
        Add("min", "min", 2);
        Add("max", "max", 11);
        Add("count", "sum", 5);
        Add("first", "sum", 14);
        Add("last", "sum", 8);
        Add("avg", "avg", 6);
        Add("max", "min", 4);
        Add("min", "max", 6);
        Add("sum", "count", 2);
    }
}
