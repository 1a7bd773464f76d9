namespace Calc.Engine.Expressions.Tests;

/// <summary>Formulas on literals and their hand-computed values.</summary>
public sealed class ArithmeticCases : TheoryData<string, double>
{
    public ArithmeticCases()
    {
        Add("1 + 2 * 3", 7);
        Add("(1 + 2) * 3", 9);
        Add("10 - 4 - 3", 3);
        Add("8 / 4 / 2", 1);
        Add("7 / 2", 3.5);
        Add("7 % 3", 1);
        Add("-7 % 3", -1);
        Add("7.5 % 2", 1.5);
        Add("2 ** 10", 1024);
        Add("2 ** 3 ** 2", 512);
        Add("-2 ** 2", -4);
        Add("2 ** -1", 0.5);
        Add("-(3 - 5)", 2);
        Add("1 - -1", 2);
        Add("1.5e3 + .5", 1500.5);
        Add("10 - 2 * 3 + 8 / 4", 6);
        Add("(2 + 3) * (7 - 4) / 5", 3);
        Add("2 * 3 % 4", 2);
        Add("1 +\n  2 *\n  3", 7);
        Add("99999999999 + 1", 100000000000);
    }
}
