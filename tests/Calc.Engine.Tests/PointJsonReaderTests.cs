using System.Text;
using Calc.Engine.Records;
using Calc.Sdk;

namespace Calc.Engine.Tests;

public sealed class PointJsonReaderTests
{
    private readonly PointJsonReader _reader = new();

    [Fact]
    public void ShouldReadEveryFieldOfTheSpecExample()
    {
        var result = Read("""{"orgId":"o1","modelId":"inverter","assetId":"INV01","pointId":"AC_POWER","time":1589500800000,"value":22.98,"quality":0,"attr":{"siteId":"plant1"}}""", out var record);

        Assert.True(result.Ok, result.Reason);
        Assert.Equal("o1", record.OrgId);
        Assert.Equal("inverter", record.ModelId);
        Assert.Equal("INV01", record.AssetId);
        Assert.Equal("AC_POWER", record.PointId);
        Assert.Equal(1589500800000, record.Time);
        Assert.Equal(22.98, record.Value.Number);
        Assert.True(record.Attr!.TryGetString("siteId", out var site));
        Assert.Equal("plant1", site);
    }

    [Fact]
    public void ShouldAcceptAnIsoTimeWithOffset()
    {
        var result = Read("""{"orgId":"o","modelId":"m","assetId":"a","pointId":"p","time":"2020-05-15T05:30:00+05:30","value":1}""", out var record);

        Assert.True(result.Ok, result.Reason);
        Assert.Equal(1589500800000, record.Time);
    }

    public static TheoryData<string, string> BadLines => new()
    {
        { """{"modelId":"m","assetId":"a","pointId":"p","time":1,"value":1}""", "missing required field orgId" },
        { """{"orgId":"o","modelId":"m","assetId":"a","pointId":"p","value":1}""", "missing required field time" },
        { """{"orgId":"o","modelId":"m","assetId":"a","pointId":"p","time":1}""", "missing required field value" },
        { """{"orgId":"o","modelId":"m","assetId":"a","pointId":"p","time":1.5,"value":1}""", "time must be an integer of epoch milliseconds" },
        { """{"orgId":"o","modelId":"m","assetId":"a","pointId":"p","time":"2020-05-15 05:30","value":1}""", "time '2020-05-15 05:30' is not epoch milliseconds nor an ISO-8601 time with an offset" },
        { """{"orgId":"o","modelId":"m","assetId":"a","pointId":"p","time":1,"value":NaN}""", "NaN and Infinity are not JSON numbers: send null or leave the record out" },
        { """{"orgId":"o","modelId":"m","assetId":"a","pointId":"p","time":1,"value":[1]}""", "value must be a number, string, boolean or null" },
        { """{"orgId":3,"modelId":"m","assetId":"a","pointId":"p","time":1,"value":1}""", "orgId must be a non-empty string" },
        { """{"orgId":"o","modelId":"m","assetId":"a","pointId":"p","time":1,"value":1,"quality":"bad"}""", "quality must be an integer" },
        { """{"orgId":"o","modelId":"m","assetId":"a","pointId":"p","time":1,"value":1,"attr":5}""", "attr must be a JSON object" },
        { """[1,2]""", "invalid JSON: a point record must be a JSON object" },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public void ShouldRejectWithAReason(string line, string reason)
    {
        var result = Read(line, out _);

        Assert.False(result.Ok);
        Assert.Equal(reason, result.Reason);
    }

    [Fact]
    public void ShouldRejectBrokenJsonWithItsPosition()
    {
        var result = Read("""{"orgId":"o" "modelId":"m"}""", out _);

        Assert.False(result.Ok);
        Assert.StartsWith("invalid JSON at byte 14", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldReadStringBoolAndNullValues()
    {
        Read("""{"orgId":"o","modelId":"m","assetId":"a","pointId":"__connection","time":1,"value":"online"}""", out var text);
        Read("""{"orgId":"o","modelId":"m","assetId":"a","pointId":"p","time":1,"value":true}""", out var flag);
        Read("""{"orgId":"o","modelId":"m","assetId":"a","pointId":"p","time":1,"value":null}""", out var none);

        Assert.Equal("online", text.Value.Text);
        Assert.True(flag.Value.Bool);
        Assert.True(none.Value.IsNull);
    }

    [Fact]
    public void ShouldInternRepeatedIds()
    {
        Read("""{"orgId":"o","modelId":"m","assetId":"a","pointId":"p","time":1,"value":1}""", out var first);
        Read("""{"orgId":"o","modelId":"m","assetId":"a","pointId":"p","time":2,"value":2}""", out var second);

        Assert.Same(first.AssetId, second.AssetId);
    }

    [Fact]
    public void ShouldReadEachRecordsOwnIdsAndAttributes_WhenConsecutiveRecordsDifferOrRepeat()
    {
        Read("""{"orgId":"o","modelId":"m","assetId":"a1","pointId":"p","time":1,"value":1,"attr":{"siteId":"s1"}}""", out var a1);
        Read("""{"orgId":"o","modelId":"m","assetId":"a2","pointId":"q","time":1,"value":1,"attr":{"siteId":"s2"}}""", out var a2);
        Read("""{"orgId":"o","modelId":"m","assetId":"a2","pointId":"p","time":2,"value":1,"attr":{"siteId":"s2"}}""", out var a2Again);
        Read("""{"orgId":"o","modelId":"m","assetId":"a1","pointId":"p","time":2,"value":1,"attr":{"siteId":"s1"}}""", out var a1Again);

        Assert.Equal(["a1", "a2", "a2", "a1"], new[] { a1.AssetId, a2.AssetId, a2Again.AssetId, a1Again.AssetId });
        Assert.Equal(["p", "q", "p", "p"], new[] { a1.PointId, a2.PointId, a2Again.PointId, a1Again.PointId });
        Assert.Same(a1.AssetId, a1Again.AssetId);
        Assert.Same(a2.Attr, a2Again.Attr);
        Assert.True(a1.Attr!.TryGetString("siteId", out var s1) && s1 == "s1");
        Assert.True(a2.Attr!.TryGetString("siteId", out var s2) && s2 == "s2");
        Assert.True(a1Again.Attr!.TryGetString("siteId", out var s1Again) && s1Again == "s1");
    }

    private ParseResult Read(string json, out PointRecord record) => _reader.TryRead(Encoding.UTF8.GetBytes(json), out record);
}
