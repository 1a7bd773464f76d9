using Calc.Sdk;

namespace Calc.Engine.Expressions.Tests;

public class TypeTests
{
    [Theory]
    [ClassData(typeof(TypeCases))]
    public void ShouldComputeComparisonsLogicAndStrings(string text, PointValue expected) =>
        Assert.Equal(expected, Formula.Evaluate(text));

    [Theory]
    [InlineData("[state] == 'running'", "running", true)]
    [InlineData("[state] == 'running'", "stopped", false)]
    [InlineData("[state] in ('running', 'starting')", "starting", true)]
    // A string never equals a number, also a numeric one (these two were true when "3" was parsed).
    [InlineData("[code] == 3", "3", false)]
    [InlineData("[code] == [other]", "3", false)]
    [InlineData("[code] == '3'", "3", true)]
    public void ShouldCompareReferencesWhoseTypeTheDataDecides(string text, string value, bool expected) =>
        Assert.Equal(PointValue.FromBool(expected), Formula.Evaluate(text, ("state", value), ("code", value), ("other", 3.0)));

    [Fact]
    public void ShouldJoinReferencesAsTextAfterAString() =>
        Assert.Equal(
            PointValue.FromString("plant1/INV01"),
            Formula.Evaluate("'' + [site] + '/' + [asset]", ("site", "plant1"), ("asset", "INV01")));

    [Fact]
    public void ShouldReturnAReferenceAsItIs()
    {
        Assert.Equal(PointValue.FromString("abc"), Formula.Evaluate("[s]", ("s", "abc")));
        Assert.Equal(PointValue.FromBool(true), Formula.Evaluate("${m::b}", ("m::b", true)));
    }

    [Fact]
    public void ShouldReadBooleanReferencesAndTextBooleansAsConditions()
    {
        Assert.Equal(5, Formula.Number("if([flag], 5, 6)", ("flag", true)));
        Assert.Equal(5, Formula.Number("if([flag], 5, 6)", ("flag", "TRUE")));
        Assert.Equal(6, Formula.Number("if([flag], 5, 6)", ("flag", 0.0)));
    }

    [Fact]
    public void ShouldThrowAnEvaluationErrorNamingTheReferenceWhenTextIsNotANumber()
    {
        var compiled = Formula.Compile("${m::s} * 2");

        var error = Assert.Throws<ExpressionEvaluationException>(() => compiled.Evaluate([PointValue.FromString("abc")]));

        Assert.Equal("line 1, column 1: 'm::s' (in ${m::s} * 2): expected a number, got the string \"abc\"", error.Message);
    }

    [Fact]
    public void ShouldComputeWithAValueWhoseTypeOnlyTheDataDecides()
    {
        var compiled = Formula.Compile("if([p] > 0, 21, 'x') * 2");

        Assert.Equal(PointValue.FromNumber(42), compiled.Evaluate([PointValue.FromNumber(1)]));
        var error = Assert.Throws<ExpressionEvaluationException>(() => compiled.Evaluate([PointValue.FromNumber(-1)]));
        Assert.Equal("line 1, column 1: a value (in if([p] > 0, 21, 'x') * 2): expected a number, got the string \"x\"", error.Message);
    }

    [Fact]
    public void ShouldThrowAnEvaluationErrorWhenAConditionIsText() =>
        Assert.Throws<ExpressionEvaluationException>(() => Formula.Evaluate("if([flag], 1, 2)", ("flag", "maybe")));
}
