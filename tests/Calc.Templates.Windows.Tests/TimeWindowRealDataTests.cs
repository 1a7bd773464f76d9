using Calc.Sdk;
using Calc.Sdk.Testing;

namespace Calc.Templates.Windows.Tests;

public sealed class TimeWindowRealDataTests
{
    private const long Hour = 3_600_000;

    public static TheoryData<string, string> Aggregations => new()
    {
        { "avg", "avg" }, { "max", "max" }, { "min", "min" }, { "sum", "sum" }, { "count", "count" }, { "first", "first" }, { "last", "last" },
    };

    [Theory]
    [MemberData(nameof(Aggregations))]
    public void ShouldAggregateHourlyTumblingWindowsOfRealPowerLikeAPlainComputation(string aggregation, string _)
    {
        var driver = Driver($$"""{"settings":{"window":"1h"},"policies":[{"input":"turbine::ActivePower","threshold":"[0,3700]","aggregation":"{{aggregation}}","output":"turbine::P_1H"}]}""");
        foreach (var row in WindData.Rows)
        {
            driver.Send("turbine::ActivePower", "T1", row.Time, row.Power);
        }

        driver.EndOfInput();

        var expected = WindData.Rows.Where(r => r.Power is >= 0 and <= 3700)
            .GroupBy(r => r.Time / Hour * Hour)
            .ToDictionary(g => g.Key, g => Aggregate(aggregation, g.OrderBy(r => r.Time).Select(r => r.Power).ToList()));
        var actual = driver.Outputs.ToDictionary(o => o.Time, o => o.Value.Number);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (time, value) in expected)
        {
            Assert.Equal(value, actual[time], 9);
        }

        Assert.Equal(WindData.Rows.Count(r => r.Power is < 0 or > 3700), driver.Counters.GetValueOrDefault("filtered.threshold"));
    }

    [Fact]
    public void ShouldPutEachRecordInEveryHoppingWindowThatHoldsIt()
    {
        var driver = Driver("""{"settings":{"window":"1h","slide":"30m"},"policies":[{"input":"turbine::WindSpeed","aggregation":"avg","output":"turbine::WS_1H"}]}""");
        foreach (var row in WindData.Rows)
        {
            driver.Send("turbine::WindSpeed", "T1", row.Time, row.Wind);
        }

        driver.EndOfInput();

        const long Half = Hour / 2;
        var starts = WindData.Rows.SelectMany(r => new[] { r.Time / Half * Half, (r.Time / Half * Half) - Half }).Distinct().Order().ToList();
        Assert.Equal(starts, driver.Outputs.Select(o => o.Time).Order().ToList());
        foreach (var output in driver.Outputs)
        {
            var inside = WindData.Rows.Where(r => r.Time >= output.Time && r.Time < output.Time + Hour).Select(r => r.Wind).ToList();
            Assert.Equal(inside.Average(), output.Value.Number, 9);
        }
    }

    [Fact]
    public void ShouldEmitOnTimeAsTheWatermarkPassesAndFinalAtTheEnd()
    {
        var driver = Driver("""{"settings":{"window":"1h"},"policies":[{"input":"turbine::WindSpeed","aggregation":"count","output":"turbine::N"}]}""");
        foreach (var row in WindData.Rows)
        {
            driver.Send("turbine::WindSpeed", "T1", row.Time, row.Wind);
        }

        Assert.All(driver.Outputs, o => Assert.Equal(CalMode.OnTime, o.CalMode));
        var beforeEnd = driver.Outputs.Count;
        driver.EndOfInput();

        var last = Assert.Single(driver.Outputs.Skip(beforeEnd));
        Assert.Equal(CalMode.Final, last.CalMode);
        Assert.Equal(WindData.Rows[^1].Time / Hour * Hour, last.Time);
    }

    private static double Aggregate(string aggregation, List<double> values) => aggregation switch
    {
        "avg" => values.Average(),
        "max" => values.Max(),
        "min" => values.Min(),
        "sum" => values.Sum(),
        "count" => values.Count,
        "first" => values[0],
        _ => values[^1],
    };

    private static OperatorTestDriver Driver(string config) =>
        new(PluginFactories.Get(new WindowsPlugin(), "time-window-aggregation"), config);
}
