using Calc.Sdk;

namespace Calc.Engine.Scripting.Tests;

public class ArithmeticTests
{
    [Fact]
    public void ShouldComputeTheBriefsExampleRule()
    {
        const string text = "var tp = ${turbine::TheoreticalPower}; return tp > 0 ? (tp - ${turbine::ActivePower}) / tp : 0.0;";

        var result = Script.Evaluate(text, ("turbine::TheoreticalPower", 400.0), ("turbine::ActivePower", 300.0));
        var idle = Script.Evaluate(text, ("turbine::TheoreticalPower", 0.0), ("turbine::ActivePower", 12.0));

        Assert.Equal(PointValue.FromNumber(0.25), result);
        Assert.Equal(PointValue.FromNumber(0), idle);
    }

    [Fact]
    public void ShouldReturnABareExpression() =>
        Assert.Equal(PointValue.FromNumber(14), Script.Evaluate("(${m::a} + ${m::b}) * 2", ("m::a", 3.0), ("m::b", 4.0)));

    [Fact]
    public void ShouldRunStatementsLoopsAndLocalFunctions()
    {
        const string text = """
            double Square(double x) => x * x;
            var sum = 0.0;
            for (var i = 1; i <= (int)${n}; i++)
            {
                sum += Square(i);
            }

            return sum;
            """;

        Assert.Equal(PointValue.FromNumber(55), Script.Evaluate(text, ("n", 5.0)));
    }

    [Fact]
    public void ShouldUseCollectionsLinqAndStringBuilder()
    {
        const string text = """
            var values = new List<double> { ${a}, ${b}, ${c} };
            var text = new StringBuilder();
            foreach (var v in values.Where(v => v > 1).OrderByDescending(v => v))
            {
                text.Append(v.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(';');
            }

            return text.ToString() + Math.Round(values.Average(), 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
            """;

        Assert.Equal(PointValue.FromString("7.5;2;1.83"), Script.Evaluate(text, ("a", 2.0), ("b", -4.0), ("c", 7.5)));
    }

    [Theory]
    [InlineData("return ${x} > 1;", true)]
    [InlineData("return ${x} < 1;", false)]
    [InlineData("return ${x} > 1 ? true : (bool?)null;", true)]
    public void ShouldReturnBooleans(string text, bool expected) =>
        Assert.Equal(PointValue.FromBool(expected), Script.Evaluate(text, ("x", 2.0)));

    [Theory]
    [InlineData("return 7;", 7.0)]
    [InlineData("return 7L * 3;", 21.0)]
    [InlineData("return 1.5f;", 1.5)]
    [InlineData("return 2.5m * 2;", 5.0)]
    [InlineData("if (${x} > 0) return 1; return 0.5;", 1.0)]
    [InlineData("return ${x} > 0 ? 3 : null;", 3.0)]
    public void ShouldReturnAnyNumericTypeAsANumber(string text, double expected) =>
        Assert.Equal(PointValue.FromNumber(expected), Script.Evaluate(text, ("x", 2.0)));

    [Theory]
    [InlineData("return ${x} / 0;")]
    [InlineData("return Math.Sqrt(-1);")]
    [InlineData("return double.PositiveInfinity;")]
    [InlineData("return ${missing} + 1;")]
    [InlineData("return (string)null;")]
    [InlineData("return ${x} > 0 ? null : \"no\";")]
    public void ShouldGiveNullForNonFiniteAndNullResults(string text) =>
        Assert.Equal(PointValue.Null, Script.Evaluate(text, ("x", 2.0)));

    [Fact]
    public void ShouldReturnStringsAndConvertMixedReturnsAtRunTime()
    {
        const string text = "if (${x} > 10) return \"high\"; if (${x} > 0) return ${x} * 2; return false;";

        Assert.Equal(PointValue.FromString("high"), Script.Evaluate(text, ("x", 11.0)));
        Assert.Equal(PointValue.FromNumber(10), Script.Evaluate(text, ("x", 5.0)));
        Assert.Equal(PointValue.FromBool(false), Script.Evaluate(text, ("x", -1.0)));
    }
}
