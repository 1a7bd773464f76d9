using System.Globalization;
using System.Text.Json;

namespace Calc.Host.Tests;

/// <summary>
/// <c>calc run --assets</c> with <c>asset-group-aggregation</c> on the real PV plant (22 inverters and the
/// weather sensor of plant 4135001, 15..17 May 2020, local time UTC+05:30): the plant's daily energy from
/// the meters, its daily irradiation and its performance ratio, each checked independently.
/// </summary>
public sealed class PlantGroupRealDataTests
{
    private const long Day = 86_400_000;
    private const double CapacityKwp = 30_000; // the plant's capacity_kWp in solar-plant1-assets.json
    private static readonly long May15 = DateTimeOffset.Parse("2020-05-15T00:00:00+05:30", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    [Fact]
    public void ShouldMakeThePlantsDailyEnergyTheSumOfItsInvertersDailyEnergies()
    {
        var results = Run("""
            {"id":"plant-energy","orgId":"o1","pipeline":[
              {"op":"template","template":"energy-by-meter-reading","settings":{"timeZone":"Asia/Kolkata"},
               "policies":[{"input":"inverter::TOTAL_YIELD","dailyOutput":"inverter::ENERGY_DAY"}]},
              {"op":"template","template":"asset-group-aggregation",
               "settings":{"groupBy":"parent","window":"1d","timeZone":"Asia/Kolkata","latency":"1d","groupModel":"plant"},
               "policies":[{"input":"inverter::ENERGY_DAY","memberAggregation":"last","groupAggregation":"sum","output":"plant::ENERGY_DAY"}]}
            ]}
            """);

        var inverters = Last(results, "inverter", "ENERGY_DAY");
        var plant = Last(results, "plant", "ENERGY_DAY");
        Assert.Equal([May15, May15 + Day, May15 + (2 * Day)], plant.Keys.Select(k => k.Time).Order());
        foreach (var ((asset, time), value) in plant)
        {
            Assert.Equal("PLANT1", asset);
            var sum = inverters.Where(i => i.Key.Time == time).Sum(i => i.Value);
            Assert.Equal(22, inverters.Count(i => i.Key.Time == time));
            Assert.True(Math.Abs(sum - value) <= 1e-9 * Math.Max(1, Math.Abs(sum)), $"{time}: plant {value} vs Σ inverters {sum}");
        }

        // And independently, from the definition: each reading's change is spread over the span since the previous reading.
        var expected = IndependentDailyEnergy();
        foreach (var ((_, time), value) in plant)
        {
            Assert.Equal(expected[time], value, 6);
        }

        var members = results.Where(r => r.GetProperty("modelId").GetString() == "plant").Select(r => r.GetProperty("attr").GetProperty("members").GetInt32());
        Assert.Contains(22, members);
    }

    [Fact]
    public void ShouldGiveTheDailyPerformanceRatioOfAnIndependentComputation()
    {
        var results = Run("""
            {"id":"plant-pr","orgId":"o1","pipeline":[
              {"op":"template","template":"energy-by-meter-reading","settings":{"timeZone":"Asia/Kolkata"},
               "policies":[{"input":"inverter::TOTAL_YIELD","dailyOutput":"inverter::ENERGY_DAY"}]},
              {"op":"template","template":"asset-group-aggregation",
               "settings":{"groupBy":"parent","window":"1d","timeZone":"Asia/Kolkata","latency":"1d","groupModel":"plant"},
               "policies":[
                 {"input":"inverter::ENERGY_DAY","memberAggregation":"last","groupAggregation":"sum","output":"plant::ENERGY_DAY"},
                 {"input":"weather::IRRADIATION","threshold":"[0,2]","memberAggregation":"sum","groupAggregation":"sum","output":"plant::IRRADIATION_SUM"}]}
            ]}
            """);

        var energy = Last(results, "plant", "ENERGY_DAY");
        var irradiation = Last(results, "plant", "IRRADIATION_SUM");
        var expectedEnergy = IndependentDailyEnergy();
        var expectedIrradiation = IndependentDailyIrradiationKwhPerM2();
        Assert.Equal(3, energy.Count);
        foreach (var ((_, time), e) in energy)
        {
            // IRRADIATION is the 15-minute mean in kW/m²: the day's irradiation is Σ × 0.25 h.
            var pr = e / (irradiation[("PLANT1", time)] * 0.25 * CapacityKwp);
            var expected = expectedEnergy[time] / (expectedIrradiation[time] * CapacityKwp);
            Assert.Equal(expected, pr, 9);
            Assert.InRange(pr, 0.1, 1.5);
        }
    }

    private static List<JsonElement> Run(string jobJson)
    {
        var dir = CliRunner.TempDir();
        var job = Path.Combine(dir, "job.json");
        File.WriteAllText(job, jobJson);
        var output = Path.Combine(dir, "out.ndjson");
        var (exit, _, error) = CliRunner.Run("run", job, "--input", CliRunner.Fixture("solar-plant1-3days.ndjson"), "--output", output, "--assets", CliRunner.Fixture("solar-plant1-assets.json"));
        Assert.True(exit == 0, error);
        return [.. File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement)];
    }

    private static Dictionary<(string Asset, long Time), double> Last(List<JsonElement> results, string model, string point)
    {
        var last = new Dictionary<(string, long), double>();
        foreach (var r in results.Where(r => r.GetProperty("modelId").GetString() == model && r.GetProperty("pointId").GetString() == point))
        {
            last[(r.GetProperty("assetId").GetString()!, r.GetProperty("time").GetInt64())] = r.GetProperty("value").GetDouble();
        }

        return last;
    }

    private static IEnumerable<(string Asset, string Point, long Time, double Value)> Fixture() =>
        File.ReadLines(CliRunner.Fixture("solar-plant1-3days.ndjson")).Select(l =>
        {
            var r = JsonDocument.Parse(l).RootElement;
            return (r.GetProperty("assetId").GetString()!, r.GetProperty("pointId").GetString()!, r.GetProperty("time").GetInt64(), r.GetProperty("value").GetDouble());
        });

    /// <summary>Σ over inverters and readings of (reading − previous reading), spread in proportion to time over (previous time, time] across local days.</summary>
    private static Dictionary<long, double> IndependentDailyEnergy()
    {
        var days = new Dictionary<long, double>();
        foreach (var inverter in Fixture().Where(r => r.Point == "TOTAL_YIELD").GroupBy(r => r.Asset))
        {
            var readings = inverter.OrderBy(r => r.Time).ToList();
            for (var i = 1; i < readings.Count; i++)
            {
                var (t1, v1) = (readings[i - 1].Time, readings[i - 1].Value);
                var (t2, v2) = (readings[i].Time, readings[i].Value);
                for (var day = May15 - Day; day < t2; day += Day)
                {
                    var overlap = Math.Min(t2, day + Day) - Math.Max(t1, day);
                    if (overlap > 0)
                    {
                        days[day] = days.GetValueOrDefault(day) + ((v2 - v1) * overlap / (t2 - t1));
                    }
                }
            }
        }

        return days;
    }

    /// <summary>Σ of the 15-minute mean irradiance of each local day (kW/m²) × 0.25 h = kWh/m².</summary>
    private static Dictionary<long, double> IndependentDailyIrradiationKwhPerM2() =>
        Fixture().Where(r => r.Point == "IRRADIATION")
            .GroupBy(r => May15 + ((r.Time - May15) / Day * Day))
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Value) * 0.25);
}
