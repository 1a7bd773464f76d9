using Calc.Sdk;
using Calc.Sdk.Testing;

namespace Calc.Templates.Windows.Tests;

/// <summary>
/// Valid but absurd settings used to pass check: a 1d window sliding by 1ms put each record into 86,400,000
/// windows and pinned a core on one record; two policies could write the same output point.
/// </summary>
public sealed class AbsurdSettingsRegressionTests
{
    private static InvalidConfigurationException Refuse(string spec) => Assert.Throws<InvalidConfigurationException>(() =>
        new OperatorTestDriver(PluginFactories.Get(new WindowsPlugin(), "time-window-aggregation"), spec));

    [Fact]
    public void ShouldRefuseASlideFarBelowTheWindow()
    {
        var error = Refuse("""{"settings":{"window":"1d","slide":"1ms"},"policies":[{"input":"m::p","aggregation":"avg","output":"m::q"}]}""");

        var problem = Assert.Single(error.Problems);
        Assert.Equal("settings.slide", problem.Path);
        Assert.StartsWith("a record would fall into 86400000 windows; at most 1000 are allowed: make the slide at least", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldAcceptExactlyTheLimitOfWindowsPerRecord()
    {
        // 1000 s / 1 s = 1000 windows per record: at the limit, accepted.
        var driver = new OperatorTestDriver(PluginFactories.Get(new WindowsPlugin(), "time-window-aggregation"),
            """{"settings":{"window":"1000s","slide":"1s"},"policies":[{"input":"m::p","aggregation":"avg","output":"m::q"}]}""");
        Assert.NotNull(driver);
    }

    [Fact]
    public void ShouldRefuseTwoPoliciesWritingOneOutput()
    {
        var error = Refuse("""{"settings":{"window":"1h"},"policies":[{"input":"m::a","aggregation":"avg","output":"m::q"},{"input":"m::b","aggregation":"max","output":"m::q"}]}""");

        var problem = Assert.Single(error.Problems);
        Assert.Equal(("policies[1].output", "m::q is already the output of policies[0].output: each policy needs its own output"), (problem.Path, problem.Message));
    }

    [Fact]
    public void ShouldRefuseMorePoliciesThanTheLimit()
    {
        var policies = string.Join(",", Enumerable.Range(0, 1001).Select(i => $$"""{"input":"m::a","aggregation":"avg","output":"m::q{{i}}"}"""));

        var error = Refuse("""{"settings":{"window":"1h"},"policies":[""" + policies + "]}");

        Assert.Equal(("policies", "more than 1000 policies: split the job"), (Assert.Single(error.Problems).Path, error.Problems[0].Message));
    }
}
