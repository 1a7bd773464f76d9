namespace Calc.Engine.Expressions.Tests;

/// <summary>Every function with hand-computed values.</summary>
public sealed class FunctionCases : TheoryData<string, double>
{
    public FunctionCases()
    {
        Add("abs(-3.5)", 3.5);
        Add("abs(2)", 2);
        Add("min(4, 2, 8)", 2);
        Add("max(4, 2, 8)", 8);
        Add("max(1, 2)", 2);
        Add("min(-1, 5)", -1);
        Add("round(2.5)", 3);
        Add("round(-2.5)", -3);
        Add("round(2.4)", 2);
        Add("round(2.675, 2)", 2.68);
        Add("round(1.005, 2)", 1.01);
        Add("round(-1234.5678, 1)", -1234.6);
        Add("floor(-2.5)", -3);
        Add("floor(2.9)", 2);
        Add("ceiling(-2.5)", -2);
        Add("ceiling(2.1)", 3);
        Add("truncate(-2.7)", -2);
        Add("truncate(2.7)", 2);
        Add("sign(-4)", -1);
        Add("sign(0)", 0);
        Add("sign(3.2)", 1);
        Add("sqrt(16)", 4);
        Add("pow(3, 2)", 9);
        Add("pow(2, 0.5)", 1.4142135623730951);
        Add("exp(0)", 1);
        Add("exp(1)", 2.718281828459045);
        Add("ln(1)", 0);
        Add("ln(exp(2))", 2);
        Add("log(1)", 0);
        Add("log(8, 2)", 3);
        Add("log(100, 10)", 2);
        Add("log10(1000)", 3);
        Add("sin(0)", 0);
        Add("cos(0)", 1);
        Add("tan(0)", 0);
        Add("asin(1)", 1.5707963267948966);
        Add("acos(1)", 0);
        Add("atan(1)", 0.7853981633974483);
        Add("atan2(1, 1)", 0.7853981633974483);
        Add("atan2(1, -1)", 2.356194490192345);
        Add("if(2 > 1, 10, 20)", 10);
        Add("if(false, 10, 20)", 20);
        Add("2 > 1 ? 10 : 20", 10);
        Add("clamp(5, 0, 3)", 3);
        Add("clamp(-1, 0, 3)", 0);
        Add("clamp(2, 0, 3)", 2);
        Add("coalesce(null, 4)", 4);
        Add("coalesce(null, null, 5)", 5);
        Add("coalesce(6, 7)", 6);
        Add("Abs(-1) + MAX(1, 3) + Round(0.5)", 5);
    }
}
