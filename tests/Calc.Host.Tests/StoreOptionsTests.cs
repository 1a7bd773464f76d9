using Calc.Engine.Jobs;

namespace Calc.Host.Tests;

public sealed class StoreOptionsTests
{
    private static readonly JobDefinition Plain = new() { Id = "j", OrgId = "o1" };

    private static StoreOptions? Parse(JobDefinition job, params string[] args) =>
        StoreOptions.Parse(CliArgs.Parse(StoreOptions.WithDefaults(args), StoreOptions.Names).Get, job, TextWriter.Null);

    [Fact]
    public void ShouldTakeStateAndTsdbWithoutAValueAsTheEmbeddedStores()
    {
        var options = Parse(Plain, "--state", "--tsdb", "--tsdb-timeout", "5s")!;

        Assert.Equal((true, null, true, null, TimeSpan.FromSeconds(5)), (options.State, options.StateUrl, options.Tsdb, options.TsdbUrl, options.TsdbTimeout));
    }

    [Fact]
    public void ShouldReadPerModelInactivityTimeoutsWithABareDefault()
    {
        var options = Parse(Plain, "--state", "redis://127.0.0.1:6379", "--inactivity-timeout", "inverter=5m, 30s,turbine=10m")!;

        Assert.Equal("redis://127.0.0.1:6379", options.StateUrl);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Tracker.DefaultInactivityTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Tracker.InactivityTimeouts["inverter"]);
        Assert.Equal(TimeSpan.FromMinutes(10), options.Tracker.InactivityTimeouts["turbine"]);
    }

    [Fact]
    public void ShouldFollowTheJobsOutputsWhenNoOptionIsGiven()
    {
        var job = Plain with { Outputs = new OutputsDefinition { State = true, Tsdb = true, TsdbPoints = ["inverter::ENERGY_*"] } };

        var options = Parse(job)!;

        Assert.Equal((true, true, "inverter::ENERGY_*"), (options.State, options.Tsdb, options.TsdbPoints.Single()));
        Assert.Equal((false, false), (Parse(Plain)!.State, Parse(Plain)!.Tsdb));
    }

    [Theory]
    [InlineData("--state", "http://127.0.0.1:6379")]
    [InlineData("--inactivity-timeout", "inverter=soon")]
    [InlineData("--tsdb-timeout", "0s")]
    public void ShouldRefuseABadValue(string option, string value) => Assert.Null(Parse(Plain, option, value));
}
