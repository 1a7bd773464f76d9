using System.Text;
using Calc.Engine.Records;
using Calc.Sdk;

namespace Calc.Templates.Merging.Tests;

/// <summary>The point trigger on the real wind data (3 days, 10-minute values) against a plain loop over the same records.</summary>
public class RealWindDataTests
{
    [Fact]
    public void ShouldMatchAPlainLastValueComputation()
    {
        var records = Read();
        var driver = Merging.Point("""[{"output":"turbine::Deficit","expression":"${turbine::TheoreticalPower} - ${turbine::ActivePower}","triggerPoint":"turbine::ActivePower"}]""");
        foreach (var record in records)
        {
            driver.Send(in record);
        }

        driver.EndOfInput();

        var expected = new List<(string, string, long, double)>();
        (long Time, double Value)? theoretical = null;
        foreach (var r in records)
        {
            if (r.PointId == "TheoreticalPower" && (theoretical is null || r.Time >= theoretical.Value.Time))
            {
                theoretical = (r.Time, r.Value.Number);
            }
            else if (r.PointId == "ActivePower" && theoretical is { } tp)
            {
                expected.Add((r.AssetId, "Deficit", r.Time, tp.Value - r.Value.Number));
            }
        }

        // The file lists ActivePower before TheoreticalPower at each time stamp: the first has no partner
        // yet, and every later one pairs with the previous stamp's theoretical power (LastValue, no alignment).
        Assert.Equal(432, expected.Count);
        Assert.Equal(expected, Merging.Values(driver));
        Assert.Equal(1, Merging.Counter(driver, "skipped.missingReference"));
        Assert.Equal(("T1", "Deficit", 1514765400000L), (expected[0].Item1, expected[0].Item2, expected[0].Item3));
        Assert.Equal(416.3289078 - 453.7691956, expected[0].Item4, 9);
    }

    private static List<PointRecord> Read()
    {
        var reader = new PointJsonReader();
        var records = new List<PointRecord>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "wind-3days.ndjson")))
        {
            var result = reader.TryRead(Encoding.UTF8.GetBytes(line), out var record);
            Assert.True(result.Ok, result.Reason);
            records.Add(record);
        }

        return records;
    }
}
