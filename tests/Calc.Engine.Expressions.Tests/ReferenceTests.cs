using Calc.Sdk;

namespace Calc.Engine.Expressions.Tests;

public class ReferenceTests
{
    [Theory]
    [ClassData(typeof(ReferenceCases))]
    public void ShouldListReferencesInOrderOfFirstAppearanceOnce(string text, string[] expected) =>
        Assert.Equal(expected, Formula.Compile(text).References);

    [Fact]
    public void ShouldTakeOneValuePerReferenceInThatOrder()
    {
        var compiled = Formula.Compile("${m::b} - [a] * 10 + ${m::b}");

        var result = compiled.Evaluate([PointValue.FromNumber(100), PointValue.FromNumber(2)]);

        Assert.Equal(PointValue.FromNumber(180), result);
    }

    [Fact]
    public void ShouldRefuseFewerValuesThanReferences()
    {
        var compiled = Formula.Compile("[a] + [b]");

        Assert.Throws<ArgumentException>(() => compiled.Evaluate([PointValue.FromNumber(1)]));
    }
}
