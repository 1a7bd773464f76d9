namespace Calc.Engine.Simulation.Tests;

public sealed class RealDataConverterTests
{
    private const string SolarHeader = "DATE_TIME,PLANT_ID,SOURCE_KEY,DC_POWER,AC_POWER,DAILY_YIELD,TOTAL_YIELD";

    [Fact]
    public void ShouldConvertASolarRowToFourInverterRecordsAtItsIndianTime()
    {
        // 16-05-2020 12:00 at UTC+05:30 is 2020-05-16T06:30:00Z = 1589610600000.
        var csv = SolarHeader + "\n16-05-2020 12:00,4135001,1BY6WEcLGh8j5v7,8473.875,829.2125,3048.5,6268361.5\n";
        var records = RealDataConverter.ConvertSolarGeneration(new StringReader(csv)).ToList();

        Assert.Equal(["AC_POWER", "DC_POWER", "DAILY_YIELD", "TOTAL_YIELD"], records.Select(r => r.PointId));
        Assert.Equal([829.2125, 8473.875, 3048.5, 6268361.5], records.Select(r => r.Value.Number));
        Assert.All(records, r =>
        {
            Assert.Equal(1589610600000, r.Time);
            Assert.Equal("o1", r.OrgId);
            Assert.Equal("inverter", r.ModelId);
            Assert.Equal("1BY6WEcLGh8j5v7", r.AssetId);
            Assert.Equal(0, r.Quality);
            Assert.Equal("{\"siteId\":\"4135001\"}", r.Attr!.ToString());
        });
    }

    [Fact]
    public void ShouldGiveTheExactValuesOfKnownRowsOfTheSolarSlice()
    {
        var records = Fixtures.Convert("solar-1inverter-full.csv", csv => RealDataConverter.ConvertSolarGeneration(csv)).ToList();

        // First row: 15-05-2020 00:00,4135001,1BY6WEcLGh8j5v7,0,0,0,6259559 (2020-05-14T18:30Z).
        Assert.Equal(1589481000000, records[0].Time);
        Assert.Equal(6259559, records[3].Value.Number);
        Assert.Equal("TOTAL_YIELD", records[3].PointId);

        // Last row: 17-06-2020 23:45,4135001,1BY6WEcLGh8j5v7,0,0,5521,6485319 (2020-06-17T18:15Z).
        var last = records[^4..];
        Assert.All(last, r => Assert.Equal(1592417700000, r.Time));
        Assert.Equal([0, 0, 5521, 6485319], last.Select(r => r.Value.Number));
        Assert.Equal(3154 * 4, records.Count);
    }

    [Fact]
    public void ShouldConvertWindRowsAsUtcTimesOfTurbineT1()
    {
        var records = Fixtures.Convert("wind-3days.csv", csv => RealDataConverter.ConvertWind(csv)).ToList();

        // Second row: 01 01 2018 00:10,453.7691956,5.672166824,519.9175111,268.6411133 → 2018-01-01T00:10Z.
        var second = records[4..8];
        Assert.All(second, r =>
        {
            Assert.Equal(1514765400000, r.Time);
            Assert.Equal("turbine", r.ModelId);
            Assert.Equal("T1", r.AssetId);
            Assert.Equal("{\"siteId\":\"wind1\"}", r.Attr!.ToString());
        });
        Assert.Equal(["ActivePower", "WindSpeed", "TheoreticalPower", "WindDirection"], second.Select(r => r.PointId));
        Assert.Equal([453.7691956, 5.672166824, 519.9175111, 268.6411133], second.Select(r => r.Value.Number));

        // 03 01 2018 23:50 → 1515023400000, ActivePower 1252.139038.
        var lateRow = records.Single(r => r.Time == 1515023400000 && r.PointId == "ActivePower");
        Assert.Equal(1252.139038, lateRow.Value.Number);
    }

    [Fact]
    public void ShouldKeepOnlyTheRequestedAssetsPointsAndTimes()
    {
        var options = new RealDataOptions
        {
            OrgId = "acme",
            Assets = new HashSet<string> { "1IF53ai7Xc0U56Y" },
            Points = new HashSet<string> { "TOTAL_YIELD" },
            FromMs = 1589610600000,
            ToMs = 1589610600000 + (15 * 60_000),
        };
        var records = Fixtures.Convert("solar-2inverters-3days.csv", csv => RealDataConverter.ConvertSolarGeneration(csv, options)).ToList();

        var only = Assert.Single(records);
        Assert.Equal("acme", only.OrgId);
        Assert.Equal(6193210.875, only.Value.Number);
    }

    [Fact]
    public void ShouldShareOneAttributesObjectPerSite()
    {
        var records = Fixtures.Convert("solar-2inverters-3days.csv", csv => RealDataConverter.ConvertSolarGeneration(csv)).ToList();

        Assert.All(records, r => Assert.Same(records[0].Attr, r.Attr));
    }

    [Theory]
    [InlineData(SolarHeader + "\n16-05-2020 12:00,4135001,X,abc,1,2,3\n", "line 2: DC_POWER 'abc' is not a number")]
    [InlineData(SolarHeader + "\n2020-05-16 12:00,4135001,X,1,1,2,3\n", "line 2: time '2020-05-16 12:00' is not dd-MM-yyyy HH:mm")]
    [InlineData(SolarHeader + "\n16-05-2020 12:00,4135001,X,1,1\n", "line 2: expected 7 cells, found 5")]
    [InlineData("DATE_TIME,PLANT_ID\n", "line 1: no column SOURCE_KEY in the header")]
    public void ShouldRejectMalformedSolarFilesWithTheLine(string csv, string message)
    {
        var error = Assert.Throws<FormatException>(() => RealDataConverter.ConvertSolarGeneration(new StringReader(csv)).ToList());

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void ShouldParseTimesOfBothFiles()
    {
        Assert.Equal(1589740200000, RealDataConverter.ParseSolarTime("18-05-2020 00:00"));
        Assert.Equal(1515023400000, RealDataConverter.ParseWindTime("03 01 2018 23:50"));
    }

    [Fact]
    public void ShouldMatchThePowerCurveToTheFilesTheoreticalPower()
    {
        var records = Fixtures.Convert("wind-3days.csv", csv => RealDataConverter.ConvertWind(csv)).ToList();
        var speeds = records.Where(r => r.PointId == FleetPoints.WindSpeed).Select(r => r.Value.Number).ToList();
        var curve = records.Where(r => r.PointId == FleetPoints.TheoreticalPower).Select(r => r.Value.Number).ToList();

        for (var i = 0; i < speeds.Count; i++)
        {
            Assert.InRange(TurbinePowerCurve.Evaluate(speeds[i]) - curve[i], -15, 15);
        }
    }
}
