using System.Text;
using Calc.Engine.Kafka.Internal;
using Calc.Sdk;

namespace Calc.Engine.Kafka.Tests;

public sealed class MultiPointReaderTests
{
    public static TheoryData<string, string> Rejected => new()
    {
        { """{"modelId":"m","assetId":"a","time":1,"points":{"A":1}}""", "multi-point payload: orgId must be a non-empty string" },
        { """{"orgId":"o","modelId":"m","assetId":"a","points":{"A":1}}""", "multi-point payload: missing required field time" },
        { """{"orgId":"o","modelId":"m","assetId":"a","time":"2020-05-15 00:00","points":{"A":1}}""", "multi-point payload: time '2020-05-15 00:00' is not epoch milliseconds nor an ISO-8601 time with an offset" },
        { """{"orgId":"o","modelId":"m","assetId":"a","time":1,"points":[1,2]}""", "multi-point payload: points must be an object of pointId to value" },
        { """{"orgId":"o","modelId":"m","assetId":"a","time":1,"points":{"A":1,"B":{"quality":1}}}""", "multi-point payload: points.B: missing required field value" },
        { """{"orgId":"o","modelId":"m","assetId":"a","time":1,"points":{"A":{"value":1,"quality":"bad"}}}""", "multi-point payload: points.A: quality must be an integer" },
        { """{"orgId":"o","modelId":"m","assetId":"a","time":1,"attr":"x","points":{"A":1}}""", "multi-point payload: attr must be a JSON object" },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void ShouldRejectTheWholePayloadWithItsReason(string json, string reason)
    {
        var output = new List<PointRecord>();

        var (kind, why) = new MultiPointReader().TryRead(Encoding.UTF8.GetBytes(json), output);

        Assert.Equal((MultiPointReader.Outcome.Invalid, reason), (kind, why));
        Assert.Empty(output);
    }

    [Fact]
    public void ShouldReadIsoTimeAndFieldsInAnyOrder()
    {
        var output = new List<PointRecord>();
        var json = """{"points":{"T":true,"N":null},"time":"2020-05-15T05:30:00+05:30","assetId":"a","modelId":"m","orgId":"o","extra":[1]}""";

        var (kind, _) = new MultiPointReader().TryRead(Encoding.UTF8.GetBytes(json), output);

        Assert.Equal(MultiPointReader.Outcome.Ok, kind);
        Assert.Equal([("T", PointValue.FromBool(true)), ("N", PointValue.Null)], output.Select(r => (r.PointId, r.Value)));
        Assert.All(output, r => Assert.Equal(("o", "m", "a", 1589500800000L), (r.OrgId, r.ModelId, r.AssetId, r.Time)));
    }

    [Theory]
    [InlineData("""{"orgId":"o","modelId":"m","assetId":"a","pointId":"P","time":1}""")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public void ShouldLeaveNonMultiPointMessagesToTheSingleRecordReason(string text)
    {
        var (kind, why) = new MultiPointReader().TryRead(Encoding.UTF8.GetBytes(text), []);

        Assert.Equal((MultiPointReader.Outcome.NotMultiPoint, null), (kind, why));
    }
}
