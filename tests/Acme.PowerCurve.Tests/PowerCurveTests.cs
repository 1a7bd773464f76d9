using Calc.Sdk;

namespace Acme.PowerCurve.Tests;

public sealed class PowerCurveTests
{
    private const long T0 = 1_514_764_800_000;
    private const long TenMinutes = 600_000;

    [Theory]
    [ClassData(typeof(CurveCases))]
    public void ShouldInterpolateTheCurveLinearlyAndGiveZeroOutsideIt(double windSpeed, double expectedKw)
    {
        var driver = Drivers.Create();

        driver.Send("turbine::WindSpeed", "WTG01", T0, windSpeed);

        var output = Assert.Single(driver.Outputs);
        Assert.Equal("Expected", output.PointId);
        Assert.Equal(expectedKw, output.Value.Number, 9);
        Assert.Equal(T0, output.Time);
        Assert.Equal("WTG01", output.AssetId);
    }

    [Theory]
    [InlineData(900, 0.1, -200, true)]    // 900 < 0.9 × 1100 = 990
    [InlineData(1000, 0.1, -100, false)]  // 1000 ≥ 990
    [InlineData(900, 0.2, -200, false)]   // 900 ≥ 0.8 × 1100 = 880
    [InlineData(1150, 0.1, 50, false)]    // above the curve
    public void ShouldEmitDeviationAndFlagFromTheLatestActualPower(double actualKw, double tolerance, double deviation, bool flagged)
    {
        var driver = Drivers.Create($",\"tolerance\":{tolerance}");

        driver.Send("turbine::ActivePower", "WTG01", T0, actualKw);
        driver.Send("turbine::WindSpeed", "WTG01", T0, 7.5);

        Assert.Equal(["Expected", "Deviation", "Flag"], driver.Outputs.Select(o => o.PointId));
        Assert.Equal(1100, Drivers.Last(driver, "Expected").Number, 9);
        Assert.Equal(deviation, Drivers.Last(driver, "Deviation").Number, 9);
        Assert.Equal(PointValue.FromBool(flagged), Drivers.Last(driver, "Flag"));
    }

    [Fact]
    public void ShouldNotFlagWhenTheCurveExpectsNothing()
    {
        var driver = Drivers.Create();

        driver.Send("turbine::ActivePower", "WTG01", T0, -5);
        driver.Send("turbine::WindSpeed", "WTG01", T0, 2);

        Assert.Equal(0, Drivers.Last(driver, "Expected").Number);
        Assert.Equal(-5, Drivers.Last(driver, "Deviation").Number);
        Assert.Equal(PointValue.FromBool(false), Drivers.Last(driver, "Flag"));
    }

    [Fact]
    public void ShouldKeepTheLatestWindSpeedOfEachAssetWhenPowerTriggers()
    {
        var driver = Drivers.Create(",\"trigger\":\"power\"");

        driver.Send("turbine::WindSpeed", "WTG01", T0, 4);
        driver.Send("turbine::WindSpeed", "WTG02", T0, 7.5);
        driver.Send("turbine::ActivePower", "WTG02", T0 + TenMinutes, 1000);
        driver.Send("turbine::ActivePower", "WTG01", T0 + TenMinutes, 150);

        var expected = driver.Outputs.Where(o => o.PointId == "Expected").Select(o => (o.AssetId, o.Time, o.Value.Number));
        Assert.Equal([("WTG02", T0 + TenMinutes, 1100.0), ("WTG01", T0 + TenMinutes, 100.0)], expected);
        var deviations = driver.Outputs.Where(o => o.PointId == "Deviation").Select(o => o.Value.Number);
        Assert.Equal([-100.0, 50.0], deviations);
    }

    [Fact]
    public void ShouldEvaluateOnEitherPointWithTheAnyTrigger()
    {
        var driver = Drivers.Create(",\"trigger\":\"any\"");

        driver.Send("turbine::WindSpeed", "WTG01", T0, 5);        // power unknown yet: expected only
        driver.Send("turbine::ActivePower", "WTG01", T0, 150);     // 150 < 0.9 × 200
        driver.Send("turbine::ActivePower", "WTG01", T0 + TenMinutes, 190); // latest wind speed 5 m/s

        Assert.Equal(
            [("Expected", T0, 200.0), ("Expected", T0, 200.0), ("Deviation", T0, -50.0), ("Flag", T0, 1.0),
             ("Expected", T0 + TenMinutes, 200.0), ("Deviation", T0 + TenMinutes, -10.0), ("Flag", T0 + TenMinutes, 0.0)],
            // The flag is a boolean: read as 1/0 here (PointValue.Number is NaN for a boolean).
            driver.Outputs.Select(o => (o.PointId, o.Time, o.Value.Kind == PointValueKind.Bool ? (o.Value.Bool ? 1.0 : 0.0) : o.Value.Number)));
        Assert.Equal(1, driver.Counters["skipped.missingPower"]);
    }

    [Fact]
    public void ShouldCountWhatItSkips()
    {
        var driver = Drivers.Create(",\"trigger\":\"power\"");

        driver.Send("turbine::ActivePower", "WTG01", T0, 100);                   // no wind speed yet
        driver.Send("turbine::WindSpeed", "WTG01", T0 + (2 * TenMinutes), 7.5);
        driver.Send("turbine::WindSpeed", "WTG01", T0 + TenMinutes, 4);          // older than the latest: ignored
        driver.Send("turbine::WindSpeed", "WTG01", T0 + (3 * TenMinutes), 9, quality: 1);
        driver.Send("turbine::ActivePower", "WTG01", T0 + (3 * TenMinutes), PointValue.FromString("n/a"));
        driver.Send("turbine::WindDirection", "WTG01", T0, 270);                // not an input: ignored, not counted
        driver.Send("turbine::ActivePower", "WTG01", T0 + (3 * TenMinutes), 1100);

        Assert.Equal(1, driver.Counters["skipped.missingWindSpeed"]);
        Assert.Equal(1, driver.Counters["skipped.late"]);
        Assert.Equal(2, driver.Counters["skipped.invalid"]);
        Assert.Equal(4, driver.Counters.Values.Sum());
        Assert.Equal(1100, Drivers.Last(driver, "Expected").Number, 9);
        Assert.Equal(0, Drivers.Last(driver, "Deviation").Number, 9);
    }

    [Fact]
    public void ShouldCarryTheTriggerRecordsAttributes()
    {
        var driver = Drivers.Create();
        var attr = PointAttributes.Parse("""{"siteId":"wind1"}""");

        driver.Send("turbine::WindSpeed", "WTG01", T0, PointValue.FromNumber(5), attr: attr);

        Assert.Equal("""{"siteId":"wind1"}""", driver.Outputs[0].Attr?.ToString());
    }

    [Fact]
    public void ShouldResumeFromACheckpointWithTheLatestValues()
    {
        var driver = Drivers.Create(",\"trigger\":\"power\"");
        driver.Send("turbine::WindSpeed", "WTG01", T0, 9);
        driver.Send("turbine::ActivePower", "WTG02", T0, 10);

        var restarted = driver.Restart();
        restarted.Send("turbine::ActivePower", "WTG01", T0 + TenMinutes, 1500);
        restarted.Send("turbine::WindSpeed", "WTG01", T0 - TenMinutes, 3);   // older than the checkpointed 9 m/s

        Assert.Equal(1640, Drivers.Last(restarted, "Expected").Number, 9);
        Assert.Equal(-140, Drivers.Last(restarted, "Deviation").Number, 9);
        Assert.Equal(1, restarted.Counters["skipped.late"]);
        Assert.Equal("""{"watermarks":{"WTG01":[1514765400000],"WTG02":[1514764800000]},"outputOnly":[],"steps":[{"WTG01":[1514764800000,9,1514765400000,1500],"WTG02":[0,null,1514764800000,10]}]}""", restarted.Checkpoint());
    }
}
