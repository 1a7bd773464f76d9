using Acme.Foo;
using Calc.Sdk.Testing;

namespace Acme.Foo.Tests;

public sealed class ScaleTests
{
    private static OperatorTestDriver Driver(string paramsJson) =>
        new(PluginFactories.Get(new FooPlugin(), FooPlugin.ScaleId), $$"""{"params":{{paramsJson}}}""");

    [Fact]
    public void ShouldWriteInputTimesFactorPlusOffset()
    {
        var driver = Driver("""{"input":"meter::P","output":"meter::P_KW","factor":0.001,"offset":2}""");

        driver.Send("meter::P", "M1", time: 1_000, value: 1500);
        driver.Send("meter::Q", "M1", time: 1_000, value: 7);   // another point: ignored

        var output = Assert.Single(driver.Outputs);
        Assert.Equal(("M1", "P_KW", 1_000L), (output.AssetId, output.PointId, output.Time));
        Assert.Equal(3.5, output.Value.Number, 12);   // 1500 × 0.001 + 2
    }

    [Fact]
    public void ShouldListEveryProblemOfABadConfiguration()
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => Driver("""{"input":"meter::P","factor":"x","scale":2}"""));

        Assert.Equal(
            [
                ("pipeline[0].params.scale", "unknown field (allowed here: input, output, factor, offset)"),
                ("pipeline[0].params.output", "required"),
                ("pipeline[0].params.factor", "expected a number"),
            ],
            error.Problems.Select(p => (p.Path, p.Message)));
    }
}
