using System.Text;
using System.Text.Json;

namespace Calc.Host.Tests;

/// <summary>
/// One record with invalid UTF-8 or a lone surrogate used to abort <c>calc run</c> ("Cannot transcode invalid
/// UTF-8 JSON text", empty output) and answer 500 on <c>POST /test</c>; it must be one rejected line instead.
/// </summary>
[Collection(DataDirCollection.Name)]
public sealed class MalformedInputRegressionTests : DataDirTest
{
    private const string Job = """
        {"id":"s","orgId":"o1","template":"multi-point-merging","settings":{"trigger":"point"},
         "policies":[{"output":"m::y","expression":"${m::x} * 2","triggerPoint":"m::x"}]}
        """;

    // Lines 2 and 3 are the issue's poison records; lines 1 and 4 compute 2*2 and 3*2.
    private static readonly byte[] Ndjson =
    [
        .. Encoding.UTF8.GetBytes("""{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"x","time":1000,"value":2}""" + "\n"),
        .. Encoding.UTF8.GetBytes("""{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"x","time":1500,"value":"""), 0x22, 0xFF, 0x22, (byte)'}', (byte)'\n',
        .. Encoding.UTF8.GetBytes("""{"orgId":"o1","modelId":"m","assetId":"A\ud800","pointId":"x","time":1600,"value":2}""" + "\n"),
        .. Encoding.UTF8.GetBytes("""{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"x","time":2000,"value":3}""" + "\n"),
    ];

    [Fact]
    public void ShouldRejectPoisonLinesInCalcRunAndComputeTheRest()
    {
        var job = Write("job.json", Job);
        var input = Path.Combine(Dir, "in.ndjson");
        File.WriteAllBytes(input, Ndjson);
        var output = Path.Combine(Dir, "out.ndjson");

        var (exit, _, error) = CliRunner.Run("run", job, "--input", input, "--output", output);

        Assert.True(exit == 0, error);
        Assert.Equal([4.0, 6.0], File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("value").GetDouble()));
        var rejected = File.ReadAllLines(Path.Combine(Dir, "out.rejected.ndjson")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([2L, 3L], rejected.Select(r => r.GetProperty("line").GetInt64()));
        Assert.Equal("invalid UTF-8 at byte 79: a record must be UTF-8 text", rejected[0].GetProperty("reason").GetString());
        Assert.StartsWith("assetId is not valid text: a \\u escape is a lone surrogate", rejected[1].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Matches(@"rejected\s+2\s", error);
    }

    [Fact]
    public async Task ShouldAnswerPoisonRecordsOnTestWithRejectedEntriesNot500()
    {
        await using var serve = new ServeHarness("127.0.0.1:9");
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/s", Job)).Status);

        var (status, body) = await serve.SendBytes(HttpMethod.Post, "/jobs/s/test", Ndjson);

        Assert.True(status == 200, body.ToString());
        Assert.Equal([4.0, 6.0], body.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("value").GetDouble()));
        var rejected = body.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal([2, 3], rejected.Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal("invalid UTF-8 at byte 79: a record must be UTF-8 text", rejected[0].GetProperty("reason").GetString());

        // The same records inside {"job","records"}: an object keeps its escape, a string holding a lone surrogate is not text.
        var request = $$"""
            {"job":{{Job}},"records":[
              {"orgId":"o1","modelId":"m","assetId":"A\ud800","pointId":"x","time":1600,"value":2},
              "{\"orgId\":\"o1\",\"modelId\":\"m\",\"assetId\":\"B\ud800\",\"pointId\":\"x\",\"time\":1600,\"value\":2}",
              {"orgId":"o1","modelId":"m","assetId":"A1","pointId":"x","time":2000,"value":3}]}
            """;
        (status, body) = await serve.Send(HttpMethod.Post, "/test", request);

        Assert.True(status == 200, body.ToString());
        Assert.Equal([6.0], body.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("value").GetDouble()));
        rejected = body.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal([1, 2], rejected.Select(r => r.GetProperty("line").GetInt32()));
        Assert.StartsWith("assetId is not valid text", rejected[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("invalid UTF-8 at byte 41: a record must be UTF-8 text", rejected[1].GetProperty("reason").GetString());
        Assert.Equal(0, await serve.StopAsync());
    }
}
