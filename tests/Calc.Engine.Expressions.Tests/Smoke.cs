namespace Calc.Engine.Expressions.Tests;

public class Smoke
{
    [Fact]
    public void ShouldRun()
    {
        foreach (var t in new[] { "(${m::a} + ${m::b}) * ${m::c} - ${m::d} / 2", "1 +", "foo(1)", "sqrt(1,2)", "1 + * 3", "@x", "[a] ^ 2", "x + 1", "'a' * 2" })
        {
            var p = new Calc.Sdk.ProblemList();
            var c = new NCalcExpressionCompiler().Compile(t, Calc.Sdk.ExpressionLanguage.NCalc, "e", p);
            Console.WriteLine(t + " => " + (c is null ? string.Join(" | ", p.Items) : string.Join(",", c.References)));
        }
    }
}
