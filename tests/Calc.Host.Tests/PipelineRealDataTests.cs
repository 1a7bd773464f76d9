using System.Text.Json;

namespace Calc.Host.Tests;

public sealed class PipelineRealDataTests
{
    private const long Hour = 3_600_000;

    [Fact]
    public void ShouldComputeSelectThresholdExpressionTemplateLikeAnIndependentComputation()
    {
        var dir = CliRunner.TempDir();
        var job = Path.Combine(dir, "pipeline.json");
        File.WriteAllText(job, """
            {"id":"p","orgId":"o1","pipeline":[
              {"op":"select","points":["turbine::ActivePower","turbine::TheoreticalPower"]},
              {"op":"threshold","input":"turbine::ActivePower","threshold":"[0,3700]","interpolation":"lastValue"},
              {"op":"expression","expression":"${turbine::ActivePower} / 1000","output":"turbine::P_MW"},
              {"op":"template","template":"time-window-aggregation","settings":{"window":"1h"},
               "policies":[{"input":"turbine::P_MW","aggregation":"avg","output":"turbine::P_MW_1H"}]}
            ]}
            """);
        var output = Path.Combine(dir, "out.ndjson");

        var (exit, _, error) = CliRunner.Run("run", job, "--input", CliRunner.Fixture("wind-t1-2018-01-01..02.ndjson"), "--output", output);

        Assert.True(exit == 0, error);
        var expectedMw = ExpectedMegawatts();
        var results = File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var mw = results.Where(r => r.GetProperty("pointId").GetString() == "P_MW").Select(r => (r.GetProperty("time").GetInt64(), r.GetProperty("value").GetDouble())).ToList();
        Assert.Equal(expectedMw.Count, mw.Count);
        for (var i = 0; i < mw.Count; i++)
        {
            Assert.Equal(expectedMw[i].Time, mw[i].Item1);
            Assert.Equal(expectedMw[i].Mw, mw[i].Item2, 12);
        }

        var hourly = results.Where(r => r.GetProperty("pointId").GetString() == "P_MW_1H").ToDictionary(r => r.GetProperty("time").GetInt64(), r => r.GetProperty("value").GetDouble());
        var expectedHourly = expectedMw.GroupBy(m => m.Time / Hour * Hour).ToDictionary(g => g.Key, g => g.Average(m => m.Mw));
        Assert.Equal(48, hourly.Count);
        foreach (var (time, value) in expectedHourly)
        {
            Assert.Equal(value, hourly[time], 12);
        }

        // Input records are never outputs themselves.
        Assert.DoesNotContain(results, r => r.GetProperty("pointId").GetString() is "ActivePower" or "TheoreticalPower" or "WindSpeed");
    }

    /// <summary>The same rules written out plainly: last valid value replaces a value outside [0,3700], then kW → MW.</summary>
    private static List<(long Time, double Mw)> ExpectedMegawatts()
    {
        var result = new List<(long, double)>();
        double? last = null;
        foreach (var record in StreamTestKit.WindFixture())
        {
            if (record.GetProperty("pointId").GetString() != "ActivePower")
            {
                continue;
            }

            var value = record.GetProperty("value").GetDouble();
            var valid = value is >= 0 and <= 3700;
            if (valid)
            {
                last = value;
            }

            if (last is { } v)
            {
                result.Add((record.GetProperty("time").GetInt64(), (valid ? value : v) / 1000));
            }
        }

        return result;
    }

    [Fact]
    public void ShouldReportAnExpressionErrorAtTheStepsPath()
    {
        var dir = CliRunner.TempDir();
        var job = Path.Combine(dir, "bad.json");
        File.WriteAllText(job, """{"id":"p","orgId":"o1","pipeline":[{"op":"expression","expression":"${turbine::ActivePower} / ","output":"turbine::X"},{"op":"threshold","input":"turbine::A","threshold":"0..1"}]}""");

        var (exit, _, error) = CliRunner.Run("check", job);

        Assert.Equal(2, exit);
        Assert.Contains("  pipeline[0].expression: ", error, StringComparison.Ordinal);
        Assert.Contains("  pipeline[1].threshold: '0..1' is not an interval", error, StringComparison.Ordinal);
    }
}
