using System.Text.Json;
using Calc.Sdk;
using Calc.Sdk.Testing;

namespace Acme.PowerCurve.Tests;

public sealed class ValidationTests
{
    [Fact]
    public void ShouldReportEveryProblemWithItsJsonPath()
    {
        const string config = """
            {"params":{"power":"turbine::ActivePower","curve":[[3,0],[12,3600],[11,3600],["x",1]],
              "windSpeed":"turbine::WindSpeed","expectedOutput":"inverter::Expected","tolerance":1.5,"trigger":"sometimes"}}
            """;

        var error = Assert.Throws<InvalidConfigurationException>(() => new OperatorTestDriver(Drivers.Factory, config));

        Assert.Equal(
            [
                "pipeline[0].params.curve[2]: speeds must increase: 11 comes after 12",
                "pipeline[0].params.curve[3]: expected a pair of numbers [speed m/s, power kW], speed >= 0",
                "pipeline[0].params.tolerance: expected a fraction in [0, 1) (0.1 = 10 %), not 1.5",
                "pipeline[0].params.trigger: 'sometimes' must be one of windSpeed, power, any",
                "pipeline[0].params.expectedOutput: 'inverter::Expected' must be a point of model 'turbine', the model of windSpeed",
            ],
            error.Problems.Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("""{"params":{}}""", "pipeline[0].params.windSpeed, pipeline[0].params.power, pipeline[0].params.curve, pipeline[0].params.expectedOutput")]
    [InlineData("""{"params":{"windSpeed":"WindSpeed","power":"turbine::P","curve":[[3,0]],"expectedOutput":"turbine::E"}}""", "pipeline[0].params.windSpeed, pipeline[0].params.curve")]
    [InlineData("""{"params":{"windSpeed":"turbine::W","power":"turbine::P","curve":[[3,0],[-1,5]],"expectedOutput":"turbine::E"}}""", "pipeline[0].params.curve[1]")]
    public void ShouldRefuseMissingOrMalformedParams(string config, string paths)
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => new OperatorTestDriver(Drivers.Factory, config));

        Assert.Equal(paths.Split(", "), error.Problems.Select(p => p.Path));
    }

    [Fact]
    public void ShouldDeclareInItsManifestExactlyTheParamsItReads()
    {
        var manifest = JsonSerializer.Deserialize<PluginManifest>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "calc-plugin.json")))!;

        var op = Assert.Single(manifest.Operators);
        Assert.Equal((PowerCurvePlugin.OperatorId, "operator"), (op.Id, op.Kind));
        Assert.Equal(typeof(PowerCurvePlugin).FullName, manifest.EntryType);
        Assert.Equal("Acme.PowerCurve.dll", manifest.EntryAssembly);
        Assert.Equal(SdkInfo.Major, Version.Parse(manifest.SdkVersion).Major);
        Assert.Equal(
            ["curve", "deviationOutput", "expectedOutput", "flagOutput", "power", "tolerance", "trigger", "windSpeed"],
            op.Params.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["curve", "expectedOutput", "power", "windSpeed"], op.Params.Where(p => p.Required).Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["windSpeed", "power", "any"], op.Params.Single(p => p.Name == "trigger").Values);
    }
}
