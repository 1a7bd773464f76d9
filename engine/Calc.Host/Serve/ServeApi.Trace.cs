using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Calc.Engine.Tracing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Calc.Host.Serve;

internal static partial class ServeApi
{
    /// <summary>The most records one live trace may ask for, and the longest it may stay attached.</summary>
    public const int MaxTraceRecords = 10_000;

    public const int MaxTraceSeconds = 3_600;

    /// <summary>
    /// <c>GET /jobs/{id}/trace?asset=A[&amp;point=P][&amp;limit=100][&amp;seconds=60]</c>: a live tap on a running job.
    /// Server-Sent Events: one <c>trace</c> event per line of the next <c>limit</c> matching records, then
    /// one <c>end</c> event saying why it ended (<c>limit</c> or <c>time</c>); the tap detaches by itself.
    /// </summary>
    private static void MapTrace(WebApplication app, JobSupervisor jobs, ServeContext context)
    {
        app.MapGet("/jobs/{id}/trace", async (string id, HttpContext http, string? asset, string? point, int? limit, int? seconds) =>
        {
            if (string.IsNullOrWhiteSpace(asset))
            {
                return Error($"name the asset to trace: GET /jobs/{id}/trace?asset=A[&point=model::P][&limit=100][&seconds=60]");
            }

            if (limit is < 1 or > MaxTraceRecords || seconds is < 1 or > MaxTraceSeconds)
            {
                return Error($"limit is 1 to {MaxTraceRecords} records (default 100) and seconds 1 to {MaxTraceSeconds} (default 60)");
            }

            if (jobs.TapOf(id) is not { } tap)
            {
                return context.Store.Use(s => s.Job(id)) is null
                    ? NotFound(id)
                    : Error($"job '{id}' is not running, so there is nothing to trace live: POST /jobs/{id}/start starts it, or POST /jobs/{id}/test?trace={asset} traces records you send", StatusCodes.Status409Conflict);
            }

            var records = limit ?? 100;
            var lines = Channel.CreateUnbounded<TraceEvent?>(new UnboundedChannelOptions { SingleReader = true });
            var seen = 0;
            var log = new TraceLog(new TraceFilter(asset, point), capacity: 0)
            {
                Listener = record =>
                {
                    if (seen >= records)
                    {
                        return;
                    }

                    foreach (var line in record)
                    {
                        lines.Writer.TryWrite(line);
                    }

                    if (++seen == records)
                    {
                        lines.Writer.TryWrite(null);
                    }
                },
            };
            if (!tap.TryAttach(log))
            {
                return Error($"a live trace of job '{id}' is attached already; it detaches by itself after its limit or time", StatusCodes.Status409Conflict);
            }

            try
            {
                await StreamAsync(http, lines.Reader, TimeSpan.FromSeconds(seconds ?? 60), context.Options.Time);
            }
            finally
            {
                tap.Detach(log);
            }

            return Results.Empty;
        });
    }

    private static async Task StreamAsync(HttpContext http, ChannelReader<TraceEvent?> lines, TimeSpan bound, TimeProvider time)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        await http.Response.Body.FlushAsync(http.RequestAborted);
        using var timeout = new CancellationTokenSource(bound, time);
        using var both = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, http.RequestAborted);
        var count = 0;
        var reason = "limit";
        var buffer = new MemoryStream();
        try
        {
            await foreach (var line in lines.ReadAllAsync(both.Token))
            {
                if (line is null)
                {
                    break;
                }

                buffer.SetLength(0);
                buffer.Write("event: trace\ndata: "u8);
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    TraceJson.Write(writer, line);
                }

                buffer.Write("\n\n"u8);
                await http.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), http.RequestAborted);
                await http.Response.Body.FlushAsync(http.RequestAborted);
                count++;
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
        {
            reason = "time";
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return; // the client went away
        }

        var end = Encoding.UTF8.GetBytes($"event: end\ndata: {{\"lines\":{count},\"reason\":\"{reason}\"}}\n\n");
        await http.Response.Body.WriteAsync(end, http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }
}
