using Calc.Sdk.Testing;

namespace Calc.Templates.Energy.Tests;

public sealed class ValidationTests
{
    [Theory]
    [ClassData(typeof(ValidationCases))]
    public void ShouldReportEveryProblemWithItsJsonPath(string template, string config, string paths)
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => Script.Driver(EnergyTemplates.ById(template), config));
        Assert.Equal(paths.Split(", ").Order(), error.Problems.Select(p => p.Path).Distinct().Order());
        Assert.All(error.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
    }
}
