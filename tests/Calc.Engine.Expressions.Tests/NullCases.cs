namespace Calc.Engine.Expressions.Tests;

/// <summary>Formulas that give null when [x] is null and [y] is 2 (or on a non-finite intermediate).</summary>
public sealed class NullCases : TheoryData<string>
{
    public NullCases()
    {
        Add("[x] + 1");
        Add("[x] * [y]");
        Add("-[x]");
        Add("abs([x])");
        Add("max([x], 1)");
        Add("min(1, [x])");
        Add("pow([x], 0)");
        Add("[x] ** 0");
        Add("pow(1, [x])");
        Add("round([x])");
        Add("sign([x])");
        Add("clamp([x], 0, 1)");
        Add("log([x], 10)");
        Add("[x] > 1");
        Add("if([x] > 1, 1, 0)");
        Add("not ([x] > 1)");
        Add("[x] > 1 and true");
        Add("false or [x] > 1");
        Add("[x] + 'text'");
        Add("1 / 0");
        Add("(1 / 0) * 0");
        Add("1 / (1 / 0)");
        Add("1 / (1e308 * 10)");
        Add("1 % (1 / 0)");
        Add("atan(1 / 0)");
        Add("exp(-(1 / 0))");
        Add("min(1 / 0, 1)");
        Add("sign(1 / 0)");
        Add("1 / 0 > 1");
        Add("if(1 / 0, 1, 2)");
        Add("if(true, 1 / 0, 2)");
        Add("'x' + 1 / 0");
        Add("5 % 0");
        Add("sqrt(-1)");
        Add("ln(0)");
        Add("log(-1)");
        Add("exp(1000)");
        Add("1e308 * 10");
        Add("asin(2)");
        Add("round(1.5, [y] + 20)");
        Add("round(1.5, [y] / 4)");
        Add("clamp(1, [y], 0)");
    }
}
