using Calc.Sdk.Testing;

namespace Calc.Templates.Energy.Tests;

/// <summary>Valid but absurd energy jobs used to pass check: two policies writing one output point, any number of policies.</summary>
public sealed class AbsurdSettingsRegressionTests
{
    [Fact]
    public void ShouldNameTheFirstPolicyOfAnOutputWrittenTwice()
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => Script.Driver(EnergyTemplates.ById("energy-by-meter-reading"),
            "{'settings':{},'policies':[{'input':'meter::E','dailyOutput':'meter::D'},{'input':'meter::F','dailyOutput':'meter::D'}]}"));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(("policies[1].dailyOutput", "meter::D is already the output of policies[0].dailyOutput: each policy needs its own outputs"), (problem.Path, problem.Message));
    }

    [Fact]
    public void ShouldRefuseMorePoliciesThanTheLimit()
    {
        var policies = string.Join(",", Enumerable.Range(0, 1001).Select(i => $"{{'input':'meter::E{i}','dailyOutput':'meter::D{i}'}}"));

        var error = Assert.Throws<InvalidConfigurationException>(() => Script.Driver(EnergyTemplates.ById("energy-by-meter-reading"), "{'settings':{},'policies':[" + policies + "]}"));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(("policies", "more than 1000 policies: split the job"), (problem.Path, problem.Message));
    }
}
