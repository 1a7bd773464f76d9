using Calc.Sdk.Testing;

namespace Calc.Templates.Groups.Tests;

/// <summary>
/// Valid but absurd group jobs used to pass check: a 1d window sliding by 1ms put each member record into
/// 86,400,000 windows (a core pinned on one record), two policies could write the same group point, and
/// nothing bounded the number of policies.
/// </summary>
public sealed class AbsurdSettingsRegressionTests
{
    private static InvalidConfigurationException Refuse(string settings, string policies) => Assert.Throws<InvalidConfigurationException>(() =>
        new OperatorTestDriver(Groups.Factory, "{\"settings\":{\"groupModel\":\"plant\",\"groupBy\":\"parent\"," + settings + "},\"policies\":[" + policies + "]}"));

    [Fact]
    public void ShouldRefuseASlideFarBelowTheWindow()
    {
        var problem = Assert.Single(Refuse("\"window\":\"1d\",\"slide\":\"1ms\"", Groups.Policy()).Problems);

        Assert.Equal("settings.slide", problem.Path);
        Assert.StartsWith("a record would fall into 86400000 windows; at most 1000 are allowed: make the slide at least ", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldAcceptExactlyTheLimitOfWindowsPerRecord()
    {
        var driver = Groups.Driver("\"groupBy\":\"parent\",\"window\":\"1000s\",\"slide\":\"1s\"", Groups.Policy());

        Assert.NotNull(driver);
    }

    [Fact]
    public void ShouldRefuseTwoPoliciesWritingOneGroupPoint()
    {
        var problem = Assert.Single(Refuse("\"window\":\"1h\"", Groups.Policy() + "," + Groups.Policy(member: "max")).Problems);

        Assert.Equal(("policies[1].output", "plant::P_SUM is already the output of policies[0].output: each policy needs its own output"), (problem.Path, problem.Message));
    }

    [Fact]
    public void ShouldRefuseMorePoliciesThanTheLimit()
    {
        var policies = string.Join(",", Enumerable.Range(0, 1001).Select(i => Groups.Policy().Replace("P_SUM", "P" + i, StringComparison.Ordinal)));

        var problem = Assert.Single(Refuse("\"window\":\"1h\"", policies).Problems);

        Assert.Equal(("policies", "more than 1000 policies: split the job"), (problem.Path, problem.Message));
    }
}
