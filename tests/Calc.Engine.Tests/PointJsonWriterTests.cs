using System.Text;
using System.Text.Json;
using Calc.Engine.Records;
using Calc.Sdk;

namespace Calc.Engine.Tests;

public sealed class PointJsonWriterTests
{
    [Fact]
    public void ShouldWriteCalModeIntoAttrBesideCarriedAttributes()
    {
        var record = new PointRecord
        {
            OrgId = "o1", ModelId = "inverter", AssetId = "INV01", PointId = "ENERGY_DAY", Time = 1589480000000,
            Value = PointValue.FromNumber(12.5), Attr = PointAttributes.Parse("""{"siteId":"plant1","calMode":"early"}"""), CalMode = CalMode.Final,
        };

        Assert.Equal(
            """{"orgId":"o1","modelId":"inverter","assetId":"INV01","pointId":"ENERGY_DAY","time":1589480000000,"value":12.5,"attr":{"siteId":"plant1","calMode":"final"}}""",
            Write(record));
    }

    [Fact]
    public void ShouldOmitAttrAndQualityWhenThereAreNone()
    {
        var record = new PointRecord { OrgId = "o", ModelId = "m", AssetId = "a", PointId = "p", Time = 5, Value = PointValue.FromString("on") };

        Assert.Equal("""{"orgId":"o","modelId":"m","assetId":"a","pointId":"p","time":5,"value":"on"}""", Write(record));
    }

    private static string Write(PointRecord record)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            PointJsonWriter.Write(writer, record);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
