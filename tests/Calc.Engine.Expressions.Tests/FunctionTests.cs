using Calc.Sdk;

namespace Calc.Engine.Expressions.Tests;

public class FunctionTests
{
    [Theory]
    [ClassData(typeof(FunctionCases))]
    public void ShouldComputeEveryFunction(string text, double expected) =>
        Assert.Equal(expected, Formula.Number(text), 12);

    [Theory]
    [InlineData("isNull(null)", true)]
    [InlineData("isNull(1)", false)]
    [InlineData("isNull('')", false)]
    [InlineData("isNull(1 / 0)", true)]
    public void ShouldTellNullWithIsNull(string text, bool expected) =>
        Assert.Equal(PointValue.FromBool(expected), Formula.Evaluate(text));

    [Fact]
    public void ShouldTellANullReferenceWithIsNull()
    {
        Assert.Equal(PointValue.FromBool(true), Formula.Evaluate("isNull([x])", ("x", null)));
        Assert.Equal(PointValue.FromBool(false), Formula.Evaluate("isNull([x])", ("x", 0.0)));
    }

    [Fact]
    public void ShouldEvaluateOnlyTheChosenBranchOfIf()
    {
        // The other branch would fail: "abc" is not a number.
        Assert.Equal(1, Formula.Number("if(false, [s] * 2, 1)", ("s", "abc")));
        Assert.Equal(1, Formula.Number("true ? 1 : [s] * 2", ("s", "abc")));
    }

    [Fact]
    public void ShouldEvaluateCoalesceArgumentsOnlyUntilOneIsNotNull() =>
        Assert.Equal(1, Formula.Number("coalesce(1, [s] * 2)", ("s", "abc")));

    [Fact]
    public void ShouldReturnStringsAndMixedTypesFromIfAndCoalesce()
    {
        Assert.Equal(PointValue.FromString("on"), Formula.Evaluate("if([p] > 0, 'on', 'off')", ("p", 5.0)));
        Assert.Equal(PointValue.FromNumber(1), Formula.Evaluate("if(true, 1, 'x')"));
        Assert.Equal(PointValue.FromString("x"), Formula.Evaluate("if(false, 1, 'x')"));
        Assert.Equal(PointValue.FromString("site-1"), Formula.Evaluate("coalesce([site], 'unknown')", ("site", "site-1")));
        Assert.Equal(PointValue.FromString("unknown"), Formula.Evaluate("coalesce([site], 'unknown')", ("site", null)));
    }
}
