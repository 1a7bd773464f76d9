using System.Text;
using Calc.Engine.Files;
using Calc.Engine.Records;
using Calc.Sdk;
using Calc.Sdk.Testing;

namespace Calc.Templates.Merging.Tests;

/// <summary>
/// Per-inverter specific yield <c>${inverter::AC_POWER} / ${sibling.weather::IRRADIATION}</c> on the real PV
/// plant (22 inverters and the weather station WS1 under PLANT1, 3 days), against a plain loop over the file.
/// </summary>
public sealed class RelatedPlantRealDataTests
{
    private const string Rule = """[{"output":"inverter::SPECIFIC","expression":"${inverter::AC_POWER} / ${sibling.weather::IRRADIATION}"}]""";

    [Fact]
    public void ShouldDivideEachInvertersPowerByTheLatestIrradiationOfItsSiblingStation()
    {
        var records = Read();
        var driver = Start();
        foreach (var record in records)
        {
            driver.Send(in record);
        }

        var (expected, missing, zero) = Independent(records);

        // WS1 writes its value after the inverters' at each 15-minute stamp, so an inverter record reads the
        // previous stamp's irradiation; the first stamp's 21 inverter records (one inverter is silent) have none yet.
        Assert.Equal(21, missing);
        Assert.Equal((3_458, 2_543), (expected.Count, zero)); // the numbers docs/fleet.md gives
        AssertSame(expected, Merging.Values(driver));
        Assert.Equal(missing, Merging.Counter(driver, "skipped.missingReference"));
        Assert.Equal(zero, Merging.Counter(driver, "skipped.nullResult")); // x / 0 at night is not finite: null
        Assert.DoesNotContain(driver.Outputs, r => r.AssetId == "WS1");

        // One record checked by hand against the file: 1BY6WEcLGh8j5v7 at 2020-05-15T06:00:00Z (11:30 local).
        var at = expected.Single(e => e.Asset == "1BY6WEcLGh8j5v7" && e.Time == 1589522400000);
        var power = records.Single(r => r.AssetId == "1BY6WEcLGh8j5v7" && r.PointId == "AC_POWER" && r.Time == 1589522400000).Value.Number;
        var irradiation = records.Single(r => r.AssetId == "WS1" && r.Time == 1589522400000 - 900_000).Value.Number;
        Assert.Equal(power / irradiation, at.Value, 9);
    }

    [Fact]
    public void ShouldGiveTheSameOutputsAcrossARestartMidDay()
    {
        var records = Read();
        var cut = records.FindIndex(r => r.AssetId == "WS1" && r.Time == 1589522400000) + 1; // right after a WS1 value
        var driver = Start();
        for (var i = 0; i < cut; i++)
        {
            driver.Send(records[i]);
        }

        var restarted = driver.Restart();
        for (var i = cut; i < records.Count; i++)
        {
            restarted.Send(records[i]);
        }

        var (expected, _, _) = Independent(records);
        AssertSame(expected, [.. Merging.Values(driver), .. Merging.Values(restarted)]);

        // The restarted run's first outputs (the next stamp) read WS1's value from before the restart, kept by the checkpoint only.
        Assert.Equal(1589522400000 + 900_000, restarted.Outputs[0].Time);
    }

    private static OperatorTestDriver Start()
    {
        var problems = new ProblemList();
        var assets = AssetFile.Load(Fixture("solar-plant1-assets.json"), problems);
        Assert.Empty(problems.Items);
        return Merging.Point(Rule, new DriverOptions { Assets = assets });
    }

    /// <summary>From the definition: each AC_POWER record divided by the newest IRRADIATION seen before it in the file.</summary>
    private static (List<(string Asset, string Point, long Time, double Value)> Outputs, int Missing, int Zero) Independent(List<PointRecord> records)
    {
        var expected = new List<(string, string, long, double)>();
        (long Time, double Value)? irradiation = null;
        int missing = 0, zero = 0;
        foreach (var r in records)
        {
            if (r.AssetId == "WS1")
            {
                if (irradiation is null || r.Time >= irradiation.Value.Time)
                {
                    irradiation = (r.Time, r.Value.Number);
                }
            }
            else if (r.PointId == "AC_POWER")
            {
                if (irradiation is not { } irr)
                {
                    missing++;
                }
                else if (irr.Value == 0)
                {
                    zero++;
                }
                else
                {
                    expected.Add((r.AssetId, "SPECIFIC", r.Time, r.Value.Number / irr.Value));
                }
            }
        }

        return (expected, missing, zero);
    }

    private static void AssertSame(List<(string Asset, string Point, long Time, double Value)> expected, (string Asset, string Point, long Time, double Value)[] actual)
    {
        Assert.Equal(expected.Count, actual.Length);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal((expected[i].Asset, expected[i].Point, expected[i].Time), (actual[i].Asset, actual[i].Point, actual[i].Time));
            Assert.Equal(expected[i].Value, actual[i].Value, 1e-9 * Math.Max(1, Math.Abs(expected[i].Value)));
        }
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    private static List<PointRecord> Read()
    {
        var reader = new PointJsonReader();
        var records = new List<PointRecord>();
        foreach (var line in File.ReadLines(Fixture("solar-plant1-3days.ndjson")))
        {
            var result = reader.TryRead(Encoding.UTF8.GetBytes(line), out var record);
            Assert.True(result.Ok, result.Reason);
            records.Add(record);
        }

        return records;
    }
}
