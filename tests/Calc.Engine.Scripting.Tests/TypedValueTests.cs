using Calc.Sdk;

namespace Calc.Engine.Scripting.Tests;

public class TypedValueTests
{
    // Only a JSON number is numeric: booleans and numeric strings were once 1/0 and parsed.
    [Theory]
    [InlineData("fault")]
    [InlineData(null)]
    [InlineData(true)]
    [InlineData(false)]
    [InlineData("2.5")]
    [InlineData("-1e3")]
    public void ShouldSeeNullBooleansAndStringsAsNaN(object? value) =>
        Assert.Equal(PointValue.FromBool(true), Script.Evaluate("return double.IsNaN(${x});", ("x", value)));

    [Theory]
    [InlineData("fault", "FAULT")]
    [InlineData(2.5, "2.5")]
    [InlineData(true, "TRUE")]
    [InlineData(null, "NONE")]
    public void ShouldReadTheRawTextWithTheTextAccessor(object? value, string expected) =>
        Assert.Equal(PointValue.FromString(expected), Script.Evaluate("return Text(${m::status})?.ToUpperInvariant() ?? \"NONE\";", ("m::status", value)));

    [Theory]
    [InlineData(null, true)]
    [InlineData("x", false)]
    [InlineData(0.0, false)]
    public void ShouldTellNullFromNaNWithTheIsNullAccessor(object? value, bool expected) =>
        Assert.Equal(PointValue.FromBool(expected), Script.Evaluate("return IsNull(${x});", ("x", value)));

    [Fact]
    public void ShouldUseTheSameReferenceAsANumberAndAsText()
    {
        const string text = "var n = ${m::code}; return double.IsNaN(n) ? Text(${m::code}).Length : n;";

        Assert.Equal(PointValue.FromNumber(5), Script.Evaluate(text, ("m::code", "fault")));
        Assert.Equal(PointValue.FromNumber(42), Script.Evaluate(text, ("m::code", 42.0)));
    }

    [Fact]
    public void ShouldLetALocalFunctionNamedLikeAnAccessorBeItself() =>
        Assert.Equal(
            PointValue.FromString("n=4"),
            Script.Evaluate("string Text(double d) => \"n=\" + d; return Text(${x} * 2);", ("x", 2.0)));

    [Fact]
    public void ShouldUseTheAccessorInsideALambda() =>
        Assert.Equal(
            PointValue.FromNumber(3),
            Script.Evaluate("Func<int> length = () => Text(${s}).Length; return length();", ("s", "abc")));
}
