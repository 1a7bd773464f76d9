using Calc.Sdk.Testing;

namespace Calc.Templates.Merging.Tests;

/// <summary>Valid but absurd merging jobs used to pass check: two policies writing one output point, any number of policies.</summary>
public sealed class AbsurdSettingsRegressionTests
{
    [Fact]
    public void ShouldRefuseTwoPoliciesWritingOneOutput()
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => Merging.Point(
            """[{"output":"m::sum","expression":"${m::a} + ${m::b}"},{"output":"m::sum","expression":"${m::a} - ${m::b}"}]"""));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(("policies[1].output", "m::sum is already the output of policies[0].output: each policy needs its own output"), (problem.Path, problem.Message));
    }

    [Fact]
    public void ShouldRefuseMorePoliciesThanTheLimit()
    {
        var policies = "[" + string.Join(",", Enumerable.Range(0, 1001).Select(i => $$"""{"output":"m::q{{i}}","expression":"${m::a} * 2"}""")) + "]";

        var problem = Assert.Single(Assert.Throws<InvalidConfigurationException>(() => Merging.Point(policies)).Problems);

        Assert.Equal(("policies", "more than 1000 policies: split the job"), (problem.Path, problem.Message));
    }
}
