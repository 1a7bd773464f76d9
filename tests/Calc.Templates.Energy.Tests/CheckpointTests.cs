using Calc.Sdk;
using Calc.Sdk.Testing;

namespace Calc.Templates.Energy.Tests;

/// <summary>
/// A run restarted from a checkpoint at any point gives exactly the outputs of an uninterrupted run:
/// anchors, previous samples, last valid values and open buckets are all in the checkpoint.
/// </summary>
public sealed class CheckpointTests
{
    public static TheoryData<string, string> Jobs => new()
    {
        { "energy-by-meter-reading", "{'settings':{'timeZone':'Europe/Berlin','detailInterval':'1h'},'policies':[{'input':'m::E','slope':'[0,50]','scale':2,'dailyOutput':'m::D','detailOutput':'m::H'}]}" },
        { "energy-by-instant-power", "{'settings':{'timeZone':'Europe/Berlin','detailInterval':'1h','maxGap':'2h'},'policies':[{'input':'m::E','threshold':'[0,5000]','interpolation':'lastValue','dailyOutput':'m::D','detailOutput':'m::H'}]}" },
        { "energy-by-average-power", "{'settings':{'timeZone':'Asia/Kolkata','attribution':'end','detailInterval':'15m','maxGap':'2h'},'policies':[{'input':'m::E','threshold':'[0,5000]','dailyOutput':'m::D','detailOutput':'m::H'}]}" },
    };

    [Theory]
    [MemberData(nameof(Jobs))]
    public void ShouldGiveTheSameOutputsAfterARestartAtAnyPoint(string template, string config)
    {
        var records = Records();
        var uninterrupted = Run(template, config, records, restartAt: -1);
        Assert.True(uninterrupted.Count > 50, $"only {uninterrupted.Count} outputs");
        Assert.Contains(uninterrupted, r => r.CalMode == CalMode.Early);
        Assert.Contains(uninterrupted, r => r.CalMode == CalMode.Final);

        for (var restartAt = 1; restartAt < records.Count; restartAt += 13)
        {
            var restarted = Run(template, config, records, restartAt);
            Assert.Equal(uninterrupted.Select(Key), restarted.Select(Key));
        }
    }

    private static List<PointRecord> Run(string template, string config, List<PointRecord> records, int restartAt)
    {
        var driver = Script.Driver(EnergyTemplates.ById(template), config);
        var outputs = new List<PointRecord>();
        for (var i = 0; i < records.Count; i++)
        {
            if (i == restartAt)
            {
                outputs.AddRange(driver.Outputs);
                driver = driver.Restart();
            }

            driver.Send(records[i]);
        }

        driver.EndOfInput();
        outputs.AddRange(driver.Outputs);
        return outputs;
    }

    private static string Key(PointRecord r) => $"{r.AssetId} {r.PointId} {r.Time} {r.CalMode} {r.Value}";

    /// <summary>
    /// Two assets over three days around the Berlin spring DST change, every 20 minutes: a rising
    /// register or a power value, with a reset, spikes, a gap of 3 h, invalid, duplicate and late records.
    /// </summary>
    private static List<PointRecord> Records()
    {
        var random = new Random(42);
        var records = new List<PointRecord>();
        var start = Script.Ms("2020-03-28T00:00Z");
        var register = new Dictionary<string, double> { ["A"] = 1000, ["B"] = 50 };
        for (var step = 0; step < 216; step++)
        {
            var time = start + (step * 1_200_000L);
            if (step is >= 100 and < 109)
            {
                continue;
            }

            foreach (var asset in new[] { "A", "B" })
            {
                register[asset] = step == 150 && asset == "B" ? 3 : register[asset] + (random.Next(0, 4) * 2.5);
                var value = PointValue.FromNumber(register[asset] % 2000 == 0 ? 0 : (step % 37 == 5 ? 9999 : register[asset]));
                value = step % 41 == 7 ? PointValue.FromString("n/a") : value;
                records.Add(Record(asset, time, value));
                if (step % 29 == 3)
                {
                    records.Add(Record(asset, time, PointValue.FromNumber(1)));
                    records.Add(Record(asset, time - 600_000, PointValue.FromNumber(2)));
                }
            }
        }

        return records;
    }

    private static PointRecord Record(string asset, long time, PointValue value) =>
        new() { OrgId = "o1", ModelId = "m", AssetId = asset, PointId = "E", Time = time, Value = value };
}
