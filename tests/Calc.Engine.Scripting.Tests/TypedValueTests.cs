using Calc.Sdk;

namespace Calc.Engine.Scripting.Tests;

public class TypedValueTests
{
    [Theory]
    [InlineData(true, 1.0)]
    [InlineData(false, 0.0)]
    [InlineData("2.5", 2.5)]
    [InlineData("-1e3", -1000.0)]
    public void ShouldSeeBooleansAndNumericStringsAsNumbers(object value, double expected) =>
        Assert.Equal(PointValue.FromNumber(expected), Script.Evaluate("return ${x};", ("x", value)));

    [Theory]
    [InlineData("fault")]
    [InlineData(null)]
    public void ShouldSeeNullAndNonNumericStringsAsNaN(string? value) =>
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
    public void ShouldUseTheAccessorInsideALambda() =>
        Assert.Equal(
            PointValue.FromNumber(3),
            Script.Evaluate("Func<int> length = () => Text(${s}).Length; return length();", ("s", "abc")));
}
