using System.Text;
using Calc.Engine.Records;
using Calc.Sdk;

namespace Calc.Engine.Tests;

/// <summary>Bytes that are not UTF-8 text, and escapes that are not text, are rejected records: never an exception, never repaired.</summary>
public sealed class MalformedRecordTests
{
    private const string Good = """{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"x","time":1000,"value":2}""";

    private readonly PointJsonReader _reader = new();

    public static TheoryData<byte[], string> NotText => new()
    {
        { Bytes("""{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"x","time":1000,"value":""", [0x22, 0xFF, 0x22], "}"), "invalid UTF-8 at byte 79: a record must be UTF-8 text" },
        { Bytes("""{"orgId":"o1","modelId":"m","assetId":"A""", [0xC3, 0x28], "\",\"pointId\":\"x\",\"time\":1000,\"value\":2}"), "invalid UTF-8 at byte 41: a record must be UTF-8 text" },
        { Bytes("""{"orgId":"o1","modelId":"m","assetId":"A""", [0xED, 0xA0, 0x80], "\",\"pointId\":\"x\",\"time\":1000,\"value\":2}"), "invalid UTF-8 at byte 41: a record must be UTF-8 text" },
        { Bytes("""{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"x","time":1000,"value":2,"extra":""" + "\"", [0xE2, 0x82], "\"}"), "invalid UTF-8 at byte 89: a record must be UTF-8 text" },
    };

    [Theory]
    [MemberData(nameof(NotText))]
    public void ShouldRejectBytesThatAreNotUtf8WithTheirPosition(byte[] line, string reason)
    {
        var result = _reader.TryRead(line, out var record);

        Assert.False(result.Ok);
        Assert.Equal(reason, result.Reason);
        Assert.Null(record.AssetId);
    }

    public static TheoryData<string, string> LoneSurrogates => new()
    {
        { """{"orgId":"o1","modelId":"m","assetId":"A\ud800","pointId":"x","time":1000,"value":2}""", "assetId is not valid text: a \\u escape is a lone surrogate" },
        { """{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"x","time":1000,"value":"\udc00z"}""", "value is not valid text: a \\u escape is a lone surrogate" },
        { """{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"x","time":"\ud800","value":2}""", "time is not valid text: a \\u escape is a lone surrogate" },
        { """{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"x","time":1000,"value":2,"attr":{"site":"\ud83d"}}""", "attr is not valid text: a \\u escape is a lone surrogate" },
        { """{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"x","time":1000,"value":2,"attr":{"a":{"\udfff":1}}}""", "attr is not valid text: a \\u escape is a lone surrogate" },
    };

    [Theory]
    [MemberData(nameof(LoneSurrogates))]
    public void ShouldRejectALoneSurrogateEscapeNamingTheField(string line, string reason)
    {
        var result = _reader.TryRead(Encoding.UTF8.GetBytes(line), out _);

        Assert.False(result.Ok);
        Assert.True(result.Reason!.StartsWith(reason, StringComparison.Ordinal), result.Reason);
    }

    [Fact]
    public void ShouldStillReadAPairedSurrogateEscapeAndUnicodeIds()
    {
        var result = _reader.TryRead(Encoding.UTF8.GetBytes("""{"orgId":"o1","modelId":"m","assetId":"Ä\ud83d\ude00","pointId":"x","time":1000,"value":"é"}"""), out var record);

        Assert.True(result.Ok, result.Reason);
        Assert.Equal("Ä😀", record.AssetId);
        Assert.Equal("é", record.Value.Text);
    }

    [Fact]
    public void ShouldNotMergeTwoDevicesWhoseIdsDifferOnlyInInvalidBytes()
    {
        // Before: both were decoded to "A\uFFFD" and became one asset.
        var first = _reader.TryRead(Bytes("""{"orgId":"o1","modelId":"m","assetId":"A""", [0xFE], "\",\"pointId\":\"x\",\"time\":1000,\"value\":2}"), out _);
        var second = _reader.TryRead(Bytes("""{"orgId":"o1","modelId":"m","assetId":"A""", [0xFF], "\",\"pointId\":\"x\",\"time\":1000,\"value\":2}"), out _);

        Assert.False(first.Ok);
        Assert.False(second.Ok);
    }

    public static TheoryData<string, string> Shapes => new()
    {
        { "{\"orgId\":\"o1\",\"modelId\":\"m\",\"assetId\":\"A1\",\"pointId\":\"x\",\"time\":1000,\"value\":2,\"attr\":{\"a\":" + new string('[', 40) + new string(']', 40) + "}}", "invalid JSON at byte" },
        { """{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"x","time":1000,"value":1e400}""", "value is out of range for a double" },
        { """{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"x","time":1e30,"value":2}""", "time must be an integer of epoch milliseconds" },
        { """{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"x","time":99999999999999999999999,"value":2}""", "time must be an integer of epoch milliseconds" },
        { """{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"x","time":1000,"value":2,"quality":99999999999}""", "quality must be an integer" },
        { """{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"x","time":1000,"value":Infinity}""", "NaN and Infinity are not JSON numbers: send null or leave the record out" },
        { """{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"x","time":1000,"value":-Infinity}""", "NaN and Infinity are not JSON numbers: send null or leave the record out" },
        { """{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"x","time":1000,"value":2""", "invalid JSON at byte" },
        { "", "invalid JSON at byte 1: The input does not contain any JSON tokens" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ShouldRejectDeepNestingHugeNumbersAndTruncations(string line, string reason)
    {
        var result = _reader.TryRead(Encoding.UTF8.GetBytes(line), out _);

        Assert.False(result.Ok);
        Assert.True(result.Reason!.StartsWith(reason, StringComparison.Ordinal), result.Reason);
    }

    [Fact]
    public void ShouldAcceptNestingUpToTheLimit()
    {
        var depth = PointJsonReader.MaxDepth - 1; // the record object itself is one level
        var attr = "{\"a\":" + string.Concat(Enumerable.Repeat("[", depth - 1)) + string.Concat(Enumerable.Repeat("]", depth - 1)) + "}";
        var result = _reader.TryRead(Encoding.UTF8.GetBytes(Good[..^1] + ",\"attr\":" + attr + "}"), out var record);

        Assert.True(result.Ok, result.Reason);
        Assert.Equal(2, record.Value.Number);
    }

    [Fact]
    public void ShouldReadEveryTruncationOfAGoodRecordAsARejection()
    {
        var bytes = Encoding.UTF8.GetBytes(Good);
        for (var length = 0; length < bytes.Length; length++)
        {
            var result = _reader.TryRead(bytes.AsSpan(0, length), out _);
            Assert.False(result.Ok, $"prefix of {length} bytes was accepted");
            Assert.False(string.IsNullOrWhiteSpace(result.Reason));
        }

        Assert.True(_reader.TryRead(bytes, out _).Ok);
    }

    internal static byte[] Bytes(string before, byte[] middle, string after) =>
        [.. Encoding.UTF8.GetBytes(before), .. middle, .. Encoding.UTF8.GetBytes(after)];
}
