using Calc.Engine.Tsdb.Internal;

namespace Calc.Engine.Tsdb.Tests;

public sealed class StoragePolicyTests
{
    [Theory]
    [InlineData("*", "", true)]
    [InlineData("*", "anything", true)]
    [InlineData("ENERGY_*", "ENERGY_DAY", true)]
    [InlineData("ENERGY_*", "XENERGY_DAY", false)]
    [InlineData("*_DAY", "ENERGY_DAY", true)]
    [InlineData("E*G*Y", "ENERGY", true)]
    [InlineData("E*G*Y", "ENERGYX", false)]
    [InlineData("a*b*c", "aXbYbZc", true)]
    [InlineData("AC_POWER", "AC_POWER", true)]
    [InlineData("AC_POWER", "ac_power", false)]
    public void ShouldMatchWildcards(string pattern, string text, bool matches) => Assert.Equal(matches, Glob.Matches(pattern, text));

    [Theory]
    [InlineData("inverter", "ENERGY_DAY", true)]
    [InlineData("inverter", "AC_POWER", false)]
    [InlineData("meter", "ENERGY_DAY", true)]
    [InlineData("meter", "ENERGY_TEST", false)]
    [InlineData("turbine", "P_MW", true)]
    public void ShouldKeepIncludedAndNotExcludedPoints(string model, string point, bool kept)
    {
        var policy = new StoragePolicy(TsdbStorageOptions.Of("*::ENERGY_*", "turbine::*", "!*::*_TEST"));

        Assert.Equal(kept, policy.Keeps(model, point));
        Assert.Equal(kept, policy.Keeps(model, point));
    }

    [Fact]
    public void ShouldKeepEverythingByDefaultAndWithOnlyExclusions()
    {
        Assert.True(new StoragePolicy(new TsdbStorageOptions()).KeepsAll);
        var exclusions = new StoragePolicy(TsdbStorageOptions.Of("!debug::*"));
        Assert.Equal((true, false), (exclusions.Keeps("inverter", "X"), exclusions.Keeps("debug", "X")));
    }
}
