using Calc.Sdk;

namespace Calc.Engine.Scripting.Tests;

public class ReferenceTests
{
    [Theory]
    [ClassData(typeof(ReferenceCases))]
    public void ShouldListReferencesInOrderOfFirstAppearanceOnce(string text, string[] expected) =>
        Assert.Equal(expected, Script.Compile(text).References);

    [Fact]
    public void ShouldTakeOneValuePerReferenceInThatOrder()
    {
        var compiled = Script.Compile("${m::b} - ${a} * 10 + ${m::b}");

        var result = compiled.Evaluate([PointValue.FromNumber(100), PointValue.FromNumber(2)]);

        Assert.Equal(PointValue.FromNumber(180), result);
    }

    [Fact]
    public void ShouldLeaveReferenceLikeTextInStringsAlone() =>
        Assert.Equal(
            PointValue.FromString("2.5 costs ${price} in ${m::a}"),
            Script.Evaluate("return string.Create(System.Globalization.CultureInfo.InvariantCulture, $\"{${m::a}:F1} costs \") + \"${price}\" + $$\"\"\" in ${m::a}\"\"\";", ("m::a", 2.5)));

    [Fact]
    public void ShouldRefuseFewerValuesThanReferences()
    {
        var compiled = Script.Compile("${a} + ${b}");

        Assert.Throws<ArgumentException>(() => compiled.Evaluate([PointValue.FromNumber(1)]));
    }
}
