using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Calc.Host.Commands;

/// <summary>
/// <c>calc jobs replay</c> (and <c>put --recompute-from</c>) after the service accepted the replay: follows <c>GET /jobs/{id}</c>'s
/// <c>status.replay</c> with a progress bar on stderr (the part of the messages read since the replay's start offsets, the event
/// time reached, records/s, what is left and the time to catch up) until the replay caught up with live data or went past its
/// <c>to</c>. Ctrl-C stops following, not the replay.
/// </summary>
internal static class JobsReplayProgress
{
    private const int BarWidth = 30;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    public static async Task<int> FollowAsync(HttpClient http, string? token, string id, ConsoleIo io, CancellationToken cancellation)
    {
        string? lastError = null;
        var terminal = ReferenceEquals(io.Error, Console.Error) && !Console.IsErrorRedirected;
        string? lastLine = null;
        try
        {
            while (true)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/jobs/" + Uri.EscapeDataString(id));
                if (token is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                using var response = await http.SendAsync(request, cancellation);
                if (!response.IsSuccessStatusCode)
                {
                    io.Error.WriteLine($"calc jobs replay: GET /jobs/{id} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellation)}");
                    return Cli.Failure;
                }

                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellation));
                var status = body.RootElement.GetProperty("status");
                if (status.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String && error.GetString() != lastError)
                {
                    lastError = error.GetString();
                    io.Error.WriteLine($"calc jobs replay: job '{id}' is {status.GetProperty("state").GetString()}: {lastError} (the service retries it; the replay is kept until its first checkpoint)");
                }

                if (status.TryGetProperty("replay", out var replay) && replay.ValueKind == JsonValueKind.Object)
                {
                    var line = Line(replay);
                    if (line != lastLine)
                    {
                        io.Error.Write(terminal ? "\r" + line : line + "\n");
                        lastLine = line;
                    }

                    if (replay.GetProperty("caughtUp").GetBoolean() || replay.GetProperty("done").GetBoolean())
                    {
                        if (terminal)
                        {
                            io.Error.WriteLine();
                        }

                        io.Error.WriteLine(replay.GetProperty("done").GetBoolean()
                            ? $"calc jobs replay: job '{id}' went past {Iso(replay, "to")}: the job runs on from the replay's checkpoint"
                            : $"calc jobs replay: job '{id}' caught up with live data and runs on as the live job");
                        return Cli.Ok;
                    }
                }

                await Task.Delay(Poll, cancellation);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            io.Error.WriteLine($"{(terminal ? "\n" : "")}calc jobs replay: stopped following; the replay goes on in the service (calc jobs get {id} shows it)");
            return Cli.Ok;
        }
    }

    /// <summary>The progress bar of one status: <c>[######·········]  40.0%  at 2018-01-02T04:00:00Z  8,321 records/s  left 1,234  ~3 s</c>.</summary>
    public static string Line(JsonElement replay)
    {
        var fraction = Math.Clamp(replay.GetProperty("fraction").GetDouble(), 0, 1);
        var filled = (int)Math.Round(fraction * BarWidth);
        var bar = new StringBuilder().Append('[').Append('#', filled).Append('.', BarWidth - filled).Append(']');
        var remaining = replay.GetProperty("remaining").GetInt64();
        var eta = replay.GetProperty("secondsToCatchUp") is { ValueKind: JsonValueKind.Number } s ? $"  ~{s.GetDouble():0.#} s to catch up" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{bar} {fraction * 100,5:0.0}%  at {Iso(replay, "reached")}  {replay.GetProperty("recordsPerSecond").GetDouble():N0} records/s  read {replay.GetProperty("read").GetInt64():N0}  skipped {replay.GetProperty("skipped").GetInt64():N0}  left {(remaining < 0 ? "-" : remaining.ToString("N0", CultureInfo.InvariantCulture))}{eta}");
    }

    private static string Iso(JsonElement replay, string name) =>
        replay.TryGetProperty(name, out var time) && time.ValueKind == JsonValueKind.String
            ? time.GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : "-";
}
