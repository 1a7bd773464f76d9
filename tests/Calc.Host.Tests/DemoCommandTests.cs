using System.Text.RegularExpressions;

namespace Calc.Host.Tests;

[Collection(DataDirCollection.Name)]
public sealed class DemoCommandTests
{
    [Fact]
    public void ShouldStreamTheFleetThroughTheJobsAndAgreeOnDailyEnergyTwoWays()
    {
        var dir = CliRunner.TempDir();
        Environment.SetEnvironmentVariable("CALC_DATA_DIR", dir);
        try
        {
            var (exit, _, error) = CliRunner.Run("demo", "--days", "1", "--inverters", "4", "--turbines", "2", "--fast");

            Assert.True(exit == 0, error);
            Assert.Matches(@"pv-energy\s+read\s+[1-9]", error);
            Assert.Contains("calc:latest:o1:INV01", error, StringComparison.Ordinal);
            Assert.Contains("status=online", error, StringComparison.Ordinal);
            // INV01 on the first day: energy from AC power and from the meter agree to the displayed decimal.
            var day = Regex.Match(error, @"INV01  05-15 ([\d,\.]+) / ([\d,\.]+)");
            Assert.True(day.Success, error);
            Assert.Equal(day.Groups[1].Value, day.Groups[2].Value);
            Assert.True(File.Exists(Path.Combine(dir, "demo", "tsdb.db")));
            Assert.NotEmpty(File.ReadAllLines(Path.Combine(dir, "demo", "results", "pv-energy.ndjson")));
        }
        finally
        {
            Environment.SetEnvironmentVariable("CALC_DATA_DIR", null);
        }
    }

    [Fact]
    public async Task ShouldWriteTheDemosFinalResultsToVictoriaMetrics()
    {
        await using var vm = await Calc.Engine.Tsdb.Tests.VictoriaMetricsServer.StartAsync();
        var dir = CliRunner.TempDir();
        Environment.SetEnvironmentVariable("CALC_DATA_DIR", dir);
        try
        {
            var (exit, _, error) = CliRunner.Run("demo", "--days", "1", "--inverters", "2", "--turbines", "1", "--fast", "--tsdb", vm.Url.ToString());

            Assert.True(exit == 0, error);
            Assert.Contains($"final results written to {vm.Url}", error, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(dir, "demo", "tsdb.db")), "the embedded store is not used");
            var final = File.ReadLines(Path.Combine(dir, "demo", "results", "pv-energy.ndjson"))
                .Where(l => l.Contains("\"pointId\":\"ENERGY_DAY\"", StringComparison.Ordinal) && l.Contains("\"calMode\":\"final\"", StringComparison.Ordinal));
            var expected = StreamTestKit.Latest(final);
            var actual = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var series in await vm.ExportAsync("{__name__=\"inverter_ENERGY_DAY\"}"))
            {
                for (var i = 0; i < series.Values.Length; i++)
                {
                    actual[$"{series.Metric["asset"]}/ENERGY_DAY/{series.Timestamps[i]}"] = series.Values[i];
                }
            }

            StreamTestKit.AssertSameResults(expected, actual);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CALC_DATA_DIR", null);
        }
    }
}
