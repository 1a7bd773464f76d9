using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Calc.Engine.Tsdb.Internal;
using Calc.Sdk;

namespace Calc.Engine.Tsdb;

public sealed partial class LineProtocolWriter
{
    private static readonly MediaTypeHeaderValue TextPlain = MediaTypeHeaderValue.Parse("text/plain; charset=utf-8");

    /// <summary>
    /// Posts the batch (split into requests of <see cref="LineProtocolOptions.MaxLinesPerRequest"/> lines,
    /// <see cref="LineProtocolOptions.MaxParallelRequests"/> at a time) and completes when every request
    /// was answered 2xx. A database that accepted the request but dropped some lines (InfluxDB
    /// "partial write", 422) also acknowledges: retrying would not store them; they are counted and
    /// logged. Anything else throws <see cref="TsdbWriteException"/>.
    /// </summary>
    public async Task WriteAsync(IReadOnlyList<PointRecord> batch, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            Encode(batch, out var skips, out var coalesced);
            var dropped = 0L;
            if (_chunkEnds.Count == 1)
            {
                dropped = await PostAsync(0, _chunkEnds[0], ct).ConfigureAwait(false);
            }
            else if (_chunkEnds.Count > 1)
            {
                var options = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelRequests, CancellationToken = ct };
                await Parallel.ForEachAsync(Enumerable.Range(0, _chunkEnds.Count), options, async (chunk, token) =>
                {
                    var start = chunk == 0 ? 0 : _chunkEnds[chunk - 1];
                    Interlocked.Add(ref dropped, await PostAsync(start, _chunkEnds[chunk], token).ConfigureAwait(false));
                }).ConfigureAwait(false);
            }

            Counters.AddBatch(_kept.Count - dropped, coalesced);
            Counters.AddSkipped(skips);
            Counters.AddRejected(dropped);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <returns>How many lines the database said it dropped.</returns>
    private async Task<long> PostAsync(int start, int end, CancellationToken ct)
    {
        using var content = new ByteArrayContent(_encoder.Buffer, start, end - start);
        content.Headers.ContentType = TextPlain;
        HttpResponseMessage response;
        try
        {
            response = await _http.PostAsync(WriteUrl, content, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new TsdbWriteException($"cannot reach {WriteUrl.GetLeftPart(UriPartial.Authority)}: {ex.Message}", isRefusal: false, ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new TsdbWriteException($"{WriteUrl.GetLeftPart(UriPartial.Authority)} did not answer within {_options.RequestTimeout}", isRefusal: false, ex);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return 0;
            }

            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.UnprocessableEntity
                || (response.StatusCode == HttpStatusCode.BadRequest && body.Contains("partial write", StringComparison.Ordinal)))
            {
                var dropped = DroppedCount(body);
                TsdbLog.PartialWrite(_logger, dropped, body.Trim());
                return dropped;
            }

            var refusal = status is >= 400 and < 500 and not 408 and not 429;
            throw new TsdbWriteException($"{WriteUrl.GetLeftPart(UriPartial.Path)} answered {status} {response.ReasonPhrase}: {Shorten(body)}", refusal);
        }
    }

    private static long DroppedCount(string body)
    {
        var match = DroppedPattern().Match(body);
        return match.Success ? long.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : 0;
    }

    private static string Shorten(string body)
    {
        body = body.Trim();
        return body.Length <= 300 ? body : body[..300] + "…";
    }

    [GeneratedRegex(@"dropped=(\d+)")]
    private static partial Regex DroppedPattern();
}
