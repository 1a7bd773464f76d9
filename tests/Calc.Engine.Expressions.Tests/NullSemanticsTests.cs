using Calc.Sdk;

namespace Calc.Engine.Expressions.Tests;

public class NullSemanticsTests
{
    [Theory]
    [ClassData(typeof(NullCases))]
    public void ShouldGiveNullForANullOperandOrANonFiniteResult(string text) =>
        Assert.Equal(PointValue.Null, Formula.Evaluate(text, ("x", null), ("y", 2.0)));

    [Theory]
    [InlineData("coalesce([x], 7)", 7)]
    [InlineData("coalesce(1 / 0, -1)", -1)]
    [InlineData("if(isNull([x]), 0, [x])", 0)]
    [InlineData("[x] ?? 3", 3)]
    [InlineData("if(true, 1, [x])", 1)]
    [InlineData("if(false, [x], 2)", 2)]
    public void ShouldLetIfCoalesceAndIsNullHandleNull(string text, double expected) =>
        Assert.Equal(expected, Formula.Number(text, ("x", null)));

    [Theory]
    [InlineData("false and [x] > 1", false)]
    [InlineData("[x] > 1 and false", false)]
    [InlineData("true or [x] > 1", true)]
    [InlineData("[x] > 1 or true", true)]
    [InlineData("[x] == null", true)]
    [InlineData("[x] != null", false)]
    [InlineData("[x] == 2", false)]
    [InlineData("[x] != 2", true)]
    [InlineData("[x] == [x]", true)]
    public void ShouldUseThreeValuedLogicAndNullAwareEquality(string text, bool expected) =>
        Assert.Equal(PointValue.FromBool(expected), Formula.Evaluate(text, ("x", null)));
}
