using System.Text.Json;

namespace Calc.Host.Tests;

/// <summary>
/// <c>calc run --assets</c> with rules that read a related asset: each inverter of the real PV plant divided
/// by the latest irradiation of its sibling weather station WS1 (<c>${sibling.weather::IRRADIATION}</c>),
/// as an expression and as a script, checked against the file read independently.
/// </summary>
public sealed class PlantRelatedRealDataTests
{
    [Fact]
    public void ShouldDivideEachInverterByTheLatestIrradiationOfItsWeatherStation()
    {
        var dir = CliRunner.TempDir();
        var job = Path.Combine(dir, "job.json");
        File.WriteAllText(job, """
            {"id":"specific-yield","orgId":"o1","template":"multi-point-merging","settings":{"trigger":"point"},
             "policies":[
               {"output":"inverter::SPECIFIC","expression":"${inverter::AC_POWER} / ${sibling.weather::IRRADIATION}"},
               {"output":"inverter::SPECIFIC_S","script":"var irr = ${sibling.weather::IRRADIATION};\nreturn irr > 0 ? ${inverter::AC_POWER} / irr : null;"}]}
            """);
        var output = Path.Combine(dir, "out.ndjson");

        var (exit, _, error) = CliRunner.Run("run", job, "--input", CliRunner.Fixture("solar-plant1-3days.ndjson"), "--output", output,
            "--assets", CliRunner.Fixture("solar-plant1-assets.json"));

        Assert.True(exit == 0, error);
        var results = File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var expected = Independent();
        foreach (var point in new[] { "SPECIFIC", "SPECIFIC_S" })
        {
            var got = results.Where(r => r.GetProperty("pointId").GetString() == point)
                .ToDictionary(r => (r.GetProperty("assetId").GetString()!, r.GetProperty("time").GetInt64()), r => r.GetProperty("value").GetDouble());
            Assert.Equal(expected.Count, got.Count);
            foreach (var (key, value) in expected)
            {
                Assert.True(Math.Abs(got[key] - value) <= 1e-9 * Math.Max(1, Math.Abs(value)), $"{point} {key}: {got[key]} vs {value}");
            }
        }

        // By hand from the file: 1BY6WEcLGh8j5v7's AC_POWER at 2020-05-15T06:00:00Z (609.8625) reads WS1's 05:45 irradiation (0.585787214).
        Assert.Equal(609.8625 / 0.585787214, expected[("1BY6WEcLGh8j5v7", 1589522400000)], 9);
        Assert.DoesNotContain(results, r => r.GetProperty("assetId").GetString() == "WS1");
    }

    [Fact]
    public void ExplainShouldNameTheRelatedValue_AndNotCallTheRelativesPointAMissingInput()
    {
        var dir = CliRunner.TempDir();
        var job = Path.Combine(dir, "job.json");
        File.WriteAllText(job, """
            {"id":"specific-yield","orgId":"o1","template":"multi-point-merging","settings":{"trigger":"point"},
             "policies":[{"output":"inverter::SPECIFIC","expression":"${inverter::AC_POWER} / ${sibling.weather::IRRADIATION}"}]}
            """);

        var (exit, output, error) = CliRunner.Run("explain", job, "--input", CliRunner.Fixture("solar-plant1-3days.ndjson"), "--assets", CliRunner.Fixture("solar-plant1-assets.json"),
            "--asset", "1BY6WEcLGh8j5v7", "--point", "inverter::SPECIFIC", "--time", "2020-05-15T06:00:00Z");

        Assert.True(exit == 0, error);
        var text = output + error;
        Assert.Contains("= 1041.0990295189338", text, StringComparison.Ordinal);
        Assert.Contains("sibling.weather::IRRADIATION=0.585787214 of WS1 at 2020-05-15T05:45:00Z", text, StringComparison.Ordinal);
        Assert.DoesNotContain("weather::IRRADIATION: no record", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckShouldRefuseAnUnknownRelationWithItsPath()
    {
        var dir = CliRunner.TempDir();
        var job = Path.Combine(dir, "job.json");
        File.WriteAllText(job, """
            {"id":"bad","orgId":"o1","template":"multi-point-merging","settings":{"trigger":"point"},
             "policies":[{"output":"inverter::Y","expression":"${inverter::AC_POWER} / ${site.weather::IRRADIATION}"}]}
            """);

        var (exit, _, error) = CliRunner.Run("check", job);

        Assert.Equal(2, exit);
        Assert.Contains("policies[0].expression: unknown relation 'site' in the reference site.weather::IRRADIATION: write parent.MODEL::POINT", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldReportTwoWeatherStationsUnderOnePlantAsAnAmbiguousSibling()
    {
        var dir = CliRunner.TempDir();
        var job = Path.Combine(dir, "job.json");
        File.WriteAllText(job, """
            {"id":"two-stations","orgId":"o1","template":"multi-point-merging","settings":{"trigger":"point"},
             "policies":[{"output":"inverter::Y","expression":"${inverter::P} / ${sibling.weather::IRR}"}]}
            """);
        var assets = Path.Combine(dir, "assets.json");
        File.WriteAllText(assets, """
            [{"assetId":"P1","modelId":"plant"},
             {"assetId":"WS1","modelId":"weather","parentId":"P1"},{"assetId":"WS2","modelId":"weather","parentId":"P1"},
             {"assetId":"INV01","modelId":"inverter","parentId":"P1"}]
            """);
        var input = Path.Combine(dir, "in.ndjson");
        File.WriteAllLines(input, [
            """{"orgId":"o1","modelId":"weather","assetId":"WS1","pointId":"IRR","time":1000,"value":0.5}""",
            """{"orgId":"o1","modelId":"weather","assetId":"WS2","pointId":"IRR","time":1000,"value":0.6}""",
            """{"orgId":"o1","modelId":"inverter","assetId":"INV01","pointId":"P","time":1000,"value":100}""",
            """{"orgId":"o1","modelId":"inverter","assetId":"INV01","pointId":"P","time":2000,"value":100}"""]);
        var output = Path.Combine(dir, "out.ndjson");

        var (exit, _, error) = CliRunner.Run("run", job, "--input", input, "--output", output, "--assets", assets);

        Assert.True(exit == 0, error);
        Assert.Empty(File.ReadAllLines(output));
        Assert.Matches(@"skipped\.ambiguousReference\s+2\b", error);
        Assert.Contains("asset INV01: sibling.weather::IRR: 2 assets of model weather are under its parent P1 (WS1, WS2): sibling.weather needs exactly one", error, StringComparison.Ordinal);
    }

    /// <summary>From the definition: each AC_POWER record ÷ the newest IRRADIATION seen before it in the file (none, or 0: no output).</summary>
    private static Dictionary<(string, long), double> Independent()
    {
        var expected = new Dictionary<(string, long), double>();
        (long Time, double Value)? irradiation = null;
        foreach (var line in File.ReadLines(CliRunner.Fixture("solar-plant1-3days.ndjson")))
        {
            var r = JsonDocument.Parse(line).RootElement;
            var (point, time, value) = (r.GetProperty("pointId").GetString(), r.GetProperty("time").GetInt64(), r.GetProperty("value").GetDouble());
            if (point == "IRRADIATION" && (irradiation is null || time >= irradiation.Value.Time))
            {
                irradiation = (time, value);
            }
            else if (point == "AC_POWER" && irradiation is { Value: > 0 } irr)
            {
                expected[(r.GetProperty("assetId").GetString()!, time)] = value / irr.Value;
            }
        }

        return expected;
    }
}
