using System.Net;
using Calc.Sdk;
using static Calc.Engine.Tsdb.Tests.Points;

namespace Calc.Engine.Tsdb.Tests;

public sealed class LineProtocolHttpTests
{
    [Fact]
    public async Task ShouldPostToTheVictoriaMetricsWriteEndpoint()
    {
        var handler = new RecordingHandler();
        using var writer = new LineProtocolWriter(new LineProtocolOptions { Url = new Uri("http://127.0.0.1:8428") }, handler);

        await writer.WriteAsync([Number("INV01", "ENERGY_DAY", T0, 2)], default);

        var request = Assert.Single(handler.Requests);
        Assert.Equal("http://127.0.0.1:8428/write?precision=ms", request.Url);
        Assert.Equal("text/plain; charset=utf-8", request.ContentType);
        Assert.Equal("inverter,asset=INV01,org=o1 ENERGY_DAY=2 1589500800000\n", request.Body);
        Assert.Null(request.Authorization);
    }

    [Fact]
    public async Task ShouldPostToInfluxDb2WithAToken()
    {
        var handler = new RecordingHandler();
        var options = new LineProtocolOptions
        {
            Url = new Uri("http://127.0.0.1:8086"),
            Flavor = LineProtocolFlavor.InfluxDb2,
            Org = "my org",
            Bucket = "calc",
            Token = "s3cret",
        };
        using var writer = new LineProtocolWriter(options, handler);

        await writer.WriteAsync([Number("A", "P", 1, 1)], default);

        Assert.Equal(("http://127.0.0.1:8086/api/v2/write?org=my%20org&bucket=calc&precision=ms", "Token s3cret"),
            (handler.Requests[0].Url, handler.Requests[0].Authorization));
    }

    [Fact]
    public async Task ShouldPostToInfluxDb1WithBasicAuthentication()
    {
        var handler = new RecordingHandler();
        var options = new LineProtocolOptions
        {
            Url = new Uri("http://127.0.0.1:8086/"),
            Flavor = LineProtocolFlavor.InfluxDb1,
            Database = "calc",
            Username = "u",
            Password = "p",
        };
        using var writer = new LineProtocolWriter(options, handler);

        await writer.WriteAsync([Number("A", "P", 1, 1)], default);

        Assert.Equal(("http://127.0.0.1:8086/write?db=calc&precision=ms", "Basic dTpw"), (handler.Requests[0].Url, handler.Requests[0].Authorization));
    }

    [Fact]
    public async Task ShouldSplitALargeBatchIntoRequests()
    {
        var handler = new RecordingHandler();
        using var writer = new LineProtocolWriter(new LineProtocolOptions { MaxLinesPerRequest = 2 }, handler);
        var batch = Enumerable.Range(0, 5).Select(i => Number("A", "P", i, i)).ToArray();

        await writer.WriteAsync(batch, default);

        Assert.Equal([2, 2, 1], handler.Requests.OrderBy(r => r.Body, StringComparer.Ordinal).Select(r => r.Body.Count(c => c == '\n')));
        Assert.Equal(5, writer.Counters.Written);
    }

    [Fact]
    public async Task ShouldFailWithoutRefusalWhenTheDatabaseErrs()
    {
        var handler = new RecordingHandler();
        handler.Answer(HttpStatusCode.ServiceUnavailable, "overloaded");
        using var writer = new LineProtocolWriter(new LineProtocolOptions(), handler);

        var error = await Assert.ThrowsAsync<TsdbWriteException>(() => writer.WriteAsync([Number("A", "P", 1, 1)], default));

        Assert.False(error.IsRefusal);
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, writer.Counters.Written);
    }

    [Fact]
    public async Task ShouldFailTheWholeBatchWhenOneOfItsRequestsFails()
    {
        var handler = new RecordingHandler();
        handler.Answer(HttpStatusCode.BadGateway);
        using var writer = new LineProtocolWriter(new LineProtocolOptions { MaxLinesPerRequest = 2 }, handler);
        var batch = Enumerable.Range(0, 6).Select(i => Number("A", "P", i, i)).ToArray();

        await Assert.ThrowsAsync<TsdbWriteException>(() => writer.WriteAsync(batch, default));
        await writer.WriteAsync(batch, default);

        Assert.Equal((1L, 6L), (writer.Counters.Batches, writer.Counters.Written));
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"inverter,asset=A,org=o1 P={i} {i}"),
            handler.Requests.Skip(handler.Requests.Count - 3).SelectMany(r => r.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ShouldReportARefusalForAWrongToken()
    {
        var handler = new RecordingHandler();
        handler.Answer(HttpStatusCode.Unauthorized, """{"code":"unauthorized"}""");
        using var writer = new LineProtocolWriter(new LineProtocolOptions(), handler);

        var error = await Assert.ThrowsAsync<TsdbWriteException>(() => writer.WriteAsync([Number("A", "P", 1, 1)], default));

        Assert.True(error.IsRefusal);
    }

    [Fact]
    public async Task ShouldAcknowledgeAPartialWriteAndCountWhatWasDropped()
    {
        var handler = new RecordingHandler();
        handler.Answer(HttpStatusCode.BadRequest, """{"error":"partial write: points beyond retention policy dropped=2"}""");
        using var writer = new LineProtocolWriter(new LineProtocolOptions(), handler);

        await writer.WriteAsync([Number("A", "P", 1, 1), Number("A", "P", 2, 2), Number("A", "P", 3, 3)], default);

        Assert.Equal((1, 2), (writer.Counters.Written, writer.Counters.RejectedByDatabase));
    }

    [Fact]
    public async Task ShouldCountEveryRecordOnce()
    {
        using var writer = new LineProtocolWriter(new LineProtocolOptions { Storage = TsdbStorageOptions.Of("!*::DEBUG") }, new RecordingHandler());

        await writer.WriteAsync(
        [
            Number("A", "P", 1, 1), Number("A", "P", 1, 2), Number("A", "DEBUG", 1, 3), Number("A", "P", 2, 4, mode: CalMode.Early),
            Make("A", "S", 1, PointValue.FromString("x")), Number("A\n", "P", 1, 5),
        ], default);

        var c = writer.Counters;
        // The early P@2 is held back until final (it once counted as skipped by calMode).
        Assert.Equal((1, 1, 1, 1, 0, 1, 1, 1), (c.Batches, c.Written, c.Coalesced, c.SkippedByPolicy, c.SkippedByCalMode, c.SkippedNotNumeric, c.SkippedBadName, c.HeldBack));
    }
}
