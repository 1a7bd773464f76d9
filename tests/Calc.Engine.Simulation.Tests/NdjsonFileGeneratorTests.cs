using System.Text;
using Calc.Engine.Records;

namespace Calc.Engine.Simulation.Tests;

public sealed class NdjsonFileGeneratorTests
{
    [Fact]
    public void ShouldWriteTheFirstNSimulatedRecordsAsLinesTheEngineReads()
    {
        var path = Path.Combine(Path.GetTempPath(), $"calc-sim-{Guid.NewGuid():N}.ndjson");
        try
        {
            var options = new FleetOptions { InverterCount = 3, TurbineCount = 2, Faults = new FaultRates { BadQualityProbability = 0.05 } };
            var bytes = NdjsonFileGenerator.Write(path, 5000, options);

            var lines = File.ReadAllLines(path);
            var simulator = new FleetSimulator(options);
            var expected = simulator.Generate(simulator.StartMs, long.MaxValue).Take(5000).ToList();
            var reader = new PointJsonReader();
            Assert.Equal(5000, lines.Length);
            Assert.Equal(new FileInfo(path).Length, bytes);
            for (var i = 0; i < lines.Length; i++)
            {
                var result = reader.TryRead(Encoding.UTF8.GetBytes(lines[i]), out var record);
                Assert.True(result.Ok, result.Reason);
                Assert.Equal(expected[i] with { Attr = null }, record with { Attr = null });
                Assert.Equal(expected[i].Attr!.ToString(), record.Attr!.ToString());
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ShouldWriteExactlyWhatTheEnginesWriterWrites()
    {
        var simulator = new FleetSimulator(new FleetOptions { InverterCount = 3, TurbineCount = 2, Faults = new FaultRates { BadQualityProbability = 0.05 } });
        var records = simulator.Generate(simulator.StartMs, long.MaxValue).Take(3000).ToList();
        using var ours = new MemoryStream();
        NdjsonFileGenerator.WriteRecords(ours, records);

        var engine = new StringBuilder();
        foreach (var record in records)
        {
            using var buffer = new MemoryStream();
            using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
            {
                PointJsonWriter.Write(writer, record);
            }

            engine.Append(Encoding.UTF8.GetString(buffer.ToArray())).Append('\n');
        }

        Assert.Equal(engine.ToString(), Encoding.UTF8.GetString(ours.ToArray()));
        Assert.Contains("\"quality\":1", engine.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldWriteTheSpecShapeWithQualityOnlyWhenBad()
    {
        using var stream = new MemoryStream();
        var good = new Calc.Sdk.PointRecord
        {
            OrgId = "o1",
            ModelId = "inverter",
            AssetId = "INV01",
            PointId = "AC_POWER",
            Time = 1589500800000,
            Value = Calc.Sdk.PointValue.FromNumber(22.98),
            Attr = Calc.Sdk.PointAttributes.Parse("{\"siteId\":\"plant1\"}"),
        };

        NdjsonFileGenerator.WriteRecords(stream, [good, good with { Quality = 3, Attr = null }]);

        Assert.Equal(
            "{\"orgId\":\"o1\",\"modelId\":\"inverter\",\"assetId\":\"INV01\",\"pointId\":\"AC_POWER\",\"time\":1589500800000,\"value\":22.98,\"attr\":{\"siteId\":\"plant1\"}}\n"
            + "{\"orgId\":\"o1\",\"modelId\":\"inverter\",\"assetId\":\"INV01\",\"pointId\":\"AC_POWER\",\"time\":1589500800000,\"value\":22.98,\"quality\":3}\n",
            Encoding.UTF8.GetString(stream.ToArray()));
    }
}
