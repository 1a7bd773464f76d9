using Calc.Sdk;
namespace Calc.Engine.Expressions.Tests;

public class ArithmeticTests
{
    [Theory]
    [ClassData(typeof(ArithmeticCases))]
    public void ShouldComputeArithmeticWithNCalcPrecedence(string text, double expected) =>
        Assert.Equal(expected, Formula.Number(text), 12);

    [Fact]
    public void ShouldComputeTheFourOperatorFormulaFromReferences()
    {
        var result = Formula.Number(
            "(${m::a} + ${m::b}) * ${m::c} - ${m::d} / 2",
            ("m::a", 1.5), ("m::b", 2.25), ("m::c", 3), ("m::d", 4));

        Assert.Equal(9.25, result);
    }

    // Only a JSON number is numeric (these once gave 11 and 42.5: booleans as 1/0, "21" parsed).
    [Fact]
    public void ShouldRefuseBooleanReferencesInArithmetic()
    {
        var error = Assert.Throws<ExpressionEvaluationException>(() => Formula.Number("[on] * 10 + 1", ("on", true)));
        Assert.Contains("expected a number, got the boolean true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldRefuseNumericStringReferencesInArithmetic()
    {
        var error = Assert.Throws<ExpressionEvaluationException>(() => Formula.Number("[capacity] * 2 + 0.5", ("capacity", "21")));
        Assert.Contains("expected a number, got the string \"21\"", error.Message, StringComparison.Ordinal);
    }
}
