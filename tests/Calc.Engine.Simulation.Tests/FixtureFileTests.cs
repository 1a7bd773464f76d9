using System.Text;
using Calc.Engine.Records;

namespace Calc.Engine.Simulation.Tests;

public sealed class FixtureFileTests
{
    /// <summary>Set to 1 to rewrite the NDJSON fixtures from their CSV slices instead of checking them.</summary>
    private const string RegenerateVariable = "CALC_REGENERATE_FIXTURES";

    public static TheoryData<string> ConvertedFixtures()
    {
        var data = new TheoryData<string>();
        foreach (var fixture in Fixtures.Converted)
        {
            data.Add(fixture.Ndjson);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ConvertedFixtures))]
    public void ShouldBeExactlyWhatTheConverterMakesOfTheCsvSlice(string ndjson)
    {
        var fixture = Fixtures.Converted.Single(f => f.Ndjson == ndjson);
        using var made = new MemoryStream();
        NdjsonFileGenerator.WriteRecords(made, Fixtures.Convert(fixture.Csv, fixture.Convert));
        var path = Fixtures.PathOf(ndjson);
        if (Environment.GetEnvironmentVariable(RegenerateVariable) == "1")
        {
            File.WriteAllBytes(path, made.ToArray());
        }

        Assert.Equal(Encoding.UTF8.GetString(made.ToArray()), File.ReadAllText(path));
    }

    [Theory]
    [InlineData("solar-2inverters-3days.ndjson", 546 * 4, 2)]
    [InlineData("solar-1inverter-full.ndjson", 3154 * 3, 1)]
    [InlineData("wind-3days.ndjson", 433 * 4, 1)]
    public void ShouldParseEveryLineWithTheEnginesReader(string ndjson, int expectedRecords, int expectedAssets)
    {
        var reader = new PointJsonReader();
        var assets = new HashSet<string>();
        var lines = File.ReadAllLines(Fixtures.PathOf(ndjson));
        var previousTime = long.MinValue;
        foreach (var line in lines)
        {
            var result = reader.TryRead(Encoding.UTF8.GetBytes(line), out var record);
            Assert.True(result.Ok, result.Reason);
            Assert.Equal("o1", record.OrgId);
            Assert.True(record.Value.IsNumber);
            Assert.True(record.Attr!.TryGetString("siteId", out _));
            Assert.True(record.Time >= previousTime);
            previousTime = record.Time;
            assets.Add(record.AssetId);
        }

        Assert.Equal(expectedRecords, lines.Length);
        Assert.Equal(expectedAssets, assets.Count);
    }

    [Fact]
    public void ShouldRoundTripTheConvertedValuesThroughTheEnginesReader()
    {
        var reader = new PointJsonReader();
        var fixture = Fixtures.Converted.Single(f => f.Ndjson == "wind-3days.ndjson");
        var converted = Fixtures.Convert(fixture.Csv, fixture.Convert).ToList();
        var lines = File.ReadAllLines(Fixtures.PathOf(fixture.Ndjson));
        Assert.Equal(converted.Count, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            reader.TryRead(Encoding.UTF8.GetBytes(lines[i]), out var read);
            Assert.Equal(converted[i] with { Attr = null }, read with { Attr = null });
            Assert.Equal(converted[i].Attr!.ToString(), read.Attr!.ToString());
        }
    }

    [Fact]
    public void ShouldStayUnderTwoMegabytesPerFixture()
    {
        foreach (var file in Directory.GetFiles(Fixtures.Directory))
        {
            Assert.True(new FileInfo(file).Length < 2_000_000, file);
        }
    }
}
