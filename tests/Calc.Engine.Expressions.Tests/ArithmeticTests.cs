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

    [Fact]
    public void ShouldTreatBooleanReferencesAsOneAndZeroInArithmetic() =>
        Assert.Equal(11, Formula.Number("[on] * 10 + [off] + 1", ("on", true), ("off", false)));

    [Fact]
    public void ShouldConvertNumericStringReferencesInArithmetic() =>
        Assert.Equal(42.5, Formula.Number("[capacity] * 2 + 0.5", ("capacity", "21")));
}
