using Calc.Engine.Expressions;
using Calc.Sdk;

namespace Calc.Engine.Scripting.Tests;

/// <summary>The same rule written as an NCalc expression and as a C# script gives the same values.</summary>
public class EquivalenceTests
{
    private const string Formula = "(${m::a} + ${m::b}) * ${m::c} - ${m::d} / 2";

    [Fact]
    public void ShouldGiveTheNCalcCompilersResultsOnRandomInputs()
    {
        var problems = new ProblemList();
        var ncalc = new NCalcExpressionCompiler().Compile(Formula, ExpressionLanguage.NCalc, "e", problems)!;
        var script = Script.Compile("return " + Formula + ";");
        Assert.Equal(ncalc.References, script.References);

        var random = new Random(20261127);
        var values = new PointValue[4];
        var nulls = 0;
        for (var n = 0; n < 10_000; n++)
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = random.Next(50) == 0 ? PointValue.Null : PointValue.FromNumber(Math.Round((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 8)), random.Next(0, 6)));
            }

            var expected = ncalc.Evaluate(values);
            nulls += expected.IsNull ? 1 : 0;
            Assert.Equal(expected, script.Evaluate(values));
        }

        Assert.InRange(nulls, 100, 2_000);
    }

    [Fact]
    public void ShouldListTheSameReferencesAsTheNCalcCompiler()
    {
        const string text = "${m::b} + ${a} * ${ m :: b } + ${b} - ${a}";
        var problems = new ProblemList();

        var ncalc = new NCalcExpressionCompiler().Compile(text, ExpressionLanguage.NCalc, "e", problems)!;

        Assert.Equal(["m::b", "a", "b"], ncalc.References);
        Assert.Equal(ncalc.References, Script.Compile(text).References);
    }
}
