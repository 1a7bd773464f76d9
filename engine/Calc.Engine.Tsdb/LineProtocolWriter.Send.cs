using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using System.Text.RegularExpressions;
using Calc.Engine.Tsdb.Internal;
using Calc.Sdk;

namespace Calc.Engine.Tsdb;

public sealed partial class LineProtocolWriter
{
    private static readonly MediaTypeHeaderValue TextPlain = MediaTypeHeaderValue.Parse("text/plain; charset=utf-8");

    /// <summary>
    /// Posts the batch (split into equal requests of at most <see cref="LineProtocolOptions.MaxLinesPerRequest"/>
    /// lines, <see cref="LineProtocolOptions.MaxParallelRequests"/> in flight while the next ones are encoded)
    /// and completes when every request was answered 2xx. A database that accepted the request but dropped
    /// some lines (InfluxDB "partial write", 422) also acknowledges: retrying would not store them; they are
    /// counted and logged. Anything else throws <see cref="TsdbWriteException"/>.
    /// </summary>
    public Task WriteAsync(IReadOnlyList<PointRecord> batch, CancellationToken ct) => WriteCoreAsync(batch, releaseAll: false, ct);

    /// <summary>
    /// The input ended: writes the provisional records still held back (their last value; nothing
    /// later can replace them). Throws like <see cref="WriteAsync"/> when the database did not acknowledge.
    /// </summary>
    public Task CompleteAsync(CancellationToken ct)
    {
        var held = _held.All();
        return held.Count == 0 ? Task.CompletedTask : WriteCoreAsync(held, releaseAll: true, ct);
    }

    private async Task WriteCoreAsync(IReadOnlyList<PointRecord> batch, bool releaseAll, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            Select(batch, out var skips, out var coalesced, releaseAll);
            _encoder.Reset();
            var perRequest = LinesPerRequest(_kept.Count);
            var inFlight = new List<Task<long>>();
            var dropped = 0L;
            Exception? failure = null;
            for (var from = 0; from < _kept.Count && failure is null; from += perRequest)
            {
                if (inFlight.Count == _options.MaxParallelRequests)
                {
                    var done = await Task.WhenAny(inFlight).ConfigureAwait(false);
                    inFlight.Remove(done);
                    (dropped, failure) = await Outcome(done, dropped, failure).ConfigureAwait(false);
                    if (failure is not null)
                    {
                        break;
                    }
                }

                var start = _encoder.Length;
                EncodeLines(from, Math.Min(_kept.Count, from + perRequest));

                // A later chunk may grow the buffer into a new array; this request keeps the one it was written to.
                inFlight.Add(PostAsync(_encoder.Buffer, start, _encoder.Length, ct));
            }

            // Every request must be over before the buffer is reused, also when one of them failed.
            foreach (var request in inFlight)
            {
                (dropped, failure) = await Outcome(request, dropped, failure).ConfigureAwait(false);
            }

            if (failure is not null)
            {
                ExceptionDispatchInfo.Throw(failure);
            }

            _held.Commit();
            Counters.AddBatch(_kept.Count - dropped, coalesced);
            Counters.SetHeldBack(_held.Count);
            Counters.AddSkipped(skips);
            Counters.AddRejected(dropped);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<(long Dropped, Exception? Failure)> Outcome(Task<long> request, long dropped, Exception? failure)
    {
        try
        {
            return (dropped + await request.ConfigureAwait(false), failure);
        }
        catch (Exception ex)
        {
            return (dropped, failure ?? ex);
        }
    }

    /// <returns>How many lines the database said it dropped.</returns>
    private async Task<long> PostAsync(byte[] buffer, int start, int end, CancellationToken ct)
    {
        using var content = new ByteArrayContent(buffer, start, end - start);
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
