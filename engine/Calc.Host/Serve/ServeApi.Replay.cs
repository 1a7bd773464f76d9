using System.Globalization;
using Calc.Engine.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Calc.Host.Serve;

internal static partial class ServeApi
{
    private static void MapReplay(WebApplication app, JobSupervisor jobs, StoreGate store)
    {
        // The served job itself is rewound (one job, no second writer): GET /jobs/{id} shows the progress under status.replay.
        app.MapPost("/jobs/{id}/replay", async (string id, string? from, string? to, HttpContext http) =>
        {
            if (ReplayOf(id, from, to, "from", http) is not { } replay)
            {
                return ReplayError(id, from, to, "from");
            }

            var (outcome, restart) = await jobs.ReplayAsync(replay);
            if (outcome == ControlOutcome.Done)
            {
                ServeAccess.Audit(http, store, "job.replay", id, ReplayDetail(replay, restart));
            }

            return outcome switch
            {
                ControlOutcome.Done => Results.Json(new { id, from = Time(replay.FromMs), to = replay.ToMs is { } t ? Time(t) : (DateTimeOffset?)null, restartAt = Time(restart), status = jobs.Status(id) }, statusCode: StatusCodes.Status202Accepted),
                ControlOutcome.NoSource => Error($"job '{id}' has no source.kafka.topic, so there is nothing to replay: add one (PUT /jobs/{id})", StatusCodes.Status409Conflict),
                ControlOutcome.Isolated => Error($"job '{id}': {JobSupervisor.IsolatedReplay}", StatusCodes.Status409Conflict),
                _ => NotFound(id),
            };
        });
    }

    /// <summary>The replay a request asks for (times epoch ms or ISO-8601), or null when a time is missing or wrong (<see cref="ReplayError"/> says which).</summary>
    private static JobReplay? ReplayOf(string id, string? from, string? to, string fromName, HttpContext http)
    {
        if (ReplayProblems(from, to, fromName).Count > 0 || !Calc.Engine.Tsdb.TsdbTime.TryParse(from!, out var fromMs))
        {
            return null;
        }

        long? toMs = to is not null && Calc.Engine.Tsdb.TsdbTime.TryParse(to, out var t) ? t : null;
        return new JobReplay(id, 0, fromMs, toMs, DateTimeOffset.UtcNow, ServeAccess.Of(http).Name);
    }

    private static IResult ReplayError(string id, string? from, string? to, string fromName) =>
        Error($"POST /jobs/{id}/replay?from=TIME[&to=TIME]: {string.Join("; ", ReplayProblems(from, to, fromName))}");

    private static List<string> ReplayProblems(string? from, string? to, string fromName)
    {
        var problems = new List<string>();
        long fromMs = 0, toMs = 0;
        if (from is null)
        {
            problems.Add($"{fromName}: say from when to recompute ({fromName}=2018-01-02T06:00:00Z or epoch milliseconds)");
        }
        else if (!Calc.Engine.Tsdb.TsdbTime.TryParse(from, out fromMs))
        {
            problems.Add($"{fromName}: '{from}' is not a time: give epoch milliseconds (1514851200000) or ISO-8601 (2018-01-02T00:00:00Z)");
        }

        if (to is not null && !Calc.Engine.Tsdb.TsdbTime.TryParse(to, out toMs))
        {
            problems.Add($"to: '{to}' is not a time: give epoch milliseconds (1514851200000) or ISO-8601 (2018-01-02T00:00:00Z)");
        }
        else if (to is not null && problems.Count == 0 && toMs <= fromMs)
        {
            problems.Add($"to: {to} is not after {fromName} {from}");
        }

        return problems;
    }

    private static string ReplayDetail(JobReplay replay, long restart) =>
        $"from {Iso(replay.FromMs)}{(replay.ToMs is { } to ? " to " + Iso(to) : "")}, state restarts at {Iso(restart)}";

    private static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static string Iso(long ms) => Time(ms).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
