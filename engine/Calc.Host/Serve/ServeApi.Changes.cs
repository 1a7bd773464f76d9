using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Calc.Host.Serve;

internal static partial class ServeApi
{
    private static void MapChanges(WebApplication app, JobSupervisor jobs, StoreGate store)
    {
        app.MapPut("/jobs/{id}", async (string id, string? recomputeFrom, HttpRequest request, bool? dryRun) =>
        {
            var json = await Body(request);
            if (ServeAccess.CheckBodyOrg(request.HttpContext, ParseOrNull(json)) is { } refused)
            {
                return refused;
            }

            if (dryRun == true)
            {
                return DryRun(id, json, jobs);
            }

            var recompute = request.Query.ContainsKey("recomputeFrom") ? ReplayOf(id, recomputeFrom ?? "", null, "recomputeFrom", request.HttpContext) : null;
            if (request.Query.ContainsKey("recomputeFrom") && recompute is null)
            {
                return Error($"PUT /jobs/{id}?recomputeFrom=TIME: {string.Join("; ", ReplayProblems(recomputeFrom ?? "", null, "recomputeFrom"))}");
            }

            var result = await jobs.PutAsync(id, json, recompute);
            if (result.Problems.Count > 0)
            {
                return Results.Json(new { problems = result.Problems.Select(p => new { path = p.Path, message = p.Message }) }, statusCode: StatusCodes.Status400BadRequest);
            }

            if (result.Changed)
            {
                store.Use(s => s.SetJobAuthor(id, result.Version, ServeAccess.Of(request.HttpContext).Name));
            }

            if (result.Changed || recompute is not null)
            {
                var replayed = recompute is null ? "" : ", recomputed " + ReplayDetail(recompute, result.RestartMs ?? 0);
                ServeAccess.Audit(request.HttpContext, store, "job.put", id, $"version {result.Version}{(result.Created ? " (new job)" : "")}{(result.Restarted ? ", restarted" : "")}{replayed}");
            }

            var body = new
            {
                id,
                version = result.Version,
                created = result.Created,
                changed = result.Changed,
                restarted = result.Restarted,
                recomputeFrom = result.RestartMs is { } restart ? Time(restart) : (DateTimeOffset?)null,
                status = jobs.Status(id),
            };
            return Results.Json(body, statusCode: result.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        });
        app.MapGet("/jobs/{id}/versions", (string id) =>
        {
            var history = store.Use(s => s.JobHistory(id));
            if (history.Count == 0)
            {
                return NotFound(id);
            }

            return Results.Json(history.Select((h, i) => new
            {
                version = h.Version.Version,
                savedAt = h.Version.CreatedAt,
                by = h.Author,
                diff = JsonDiff.Of(i == 0 ? null : history[i - 1].Version.Json, h.Version.Json),
            }).Reverse());
        });
        app.MapPost("/jobs/{id}/rollback", async (string id, int? version, HttpContext http) =>
        {
            var target = version is null ? null : store.Use(s => s.Job(id, version));
            if (target is null)
            {
                return version is null ? Error($"say which version: POST /jobs/{id}/rollback?version=N (GET /jobs/{id}/versions lists them)") : NotFound(id, version);
            }

            var result = await jobs.PutAsync(id, target.Json);
            if (result.Problems.Count > 0)
            {
                return Results.Json(new { error = $"version {version} does not validate any more (a pack it needs was removed?)", problems = result.Problems.Select(p => new { path = p.Path, message = p.Message }) }, statusCode: StatusCodes.Status409Conflict);
            }

            if (result.Changed)
            {
                var name = ServeAccess.Of(http).Name;
                store.Use(s => s.SetJobAuthor(id, result.Version, name));
                ServeAccess.Audit(http, store, "job.rollback", id, $"to version {version}, saved as version {result.Version}{(result.Restarted ? ", restarted" : "")}");
            }

            return Results.Json(new { id, version = result.Version, rolledBackTo = version, changed = result.Changed, restarted = result.Restarted, status = jobs.Status(id) });
        });
        app.MapDelete("/jobs/{id}", async (string id, HttpContext http) =>
        {
            if (!await jobs.DeleteAsync(id))
            {
                return NotFound(id);
            }

            ServeAccess.Audit(http, store, "job.delete", id, "every version removed");
            return Results.Json(new { id, removed = true });
        });
        app.MapPost("/jobs/{id}/stop", async (string id, HttpContext http) =>
        {
            var outcome = await jobs.StopAsync(id);
            Audited(http, store, outcome, "job.stop", id);
            return outcome switch
            {
                ControlOutcome.Done => Results.Json(jobs.Status(id)),
                ControlOutcome.NotRunning => Error($"job '{id}' is not running: POST /jobs/{id}/start starts it", StatusCodes.Status409Conflict),
                _ => NotFound(id),
            };
        });
        app.MapPost("/jobs/{id}/pause", async (string id, HttpContext http) => Paused(id, Audited(http, store, await jobs.PauseAsync(id, paused: true), "job.pause", id), jobs));
        app.MapPost("/jobs/{id}/resume", async (string id, HttpContext http) => Paused(id, Audited(http, store, await jobs.PauseAsync(id, paused: false), "job.resume", id), jobs));
        app.MapPost("/jobs/{id}/start", async (string id, HttpContext http) => Control(id, Audited(http, store, await jobs.StartAsync(id, restart: false), "job.start", id), jobs));
        app.MapPost("/jobs/{id}/restart", async (string id, HttpContext http) => Control(id, Audited(http, store, await jobs.StartAsync(id, restart: true), "job.restart", id), jobs));
    }

    /// <summary><c>PUT /jobs/{id}?dryRun=true</c>: validates as a PUT does (every problem with its JSON path), stores and starts nothing.</summary>
    private static IResult DryRun(string id, string json, JobSupervisor jobs)
    {
        var problems = jobs.Check(id, json);
        return problems.Count > 0
            ? Results.Json(new { problems = problems.Select(p => new { path = p.Path, message = p.Message }) }, statusCode: StatusCodes.Status400BadRequest)
            : Results.Json(new { id, valid = true });
    }

    private static ControlOutcome Audited(HttpContext http, StoreGate store, ControlOutcome outcome, string action, string id)
    {
        if (outcome == ControlOutcome.Done)
        {
            ServeAccess.Audit(http, store, action, id, "");
        }

        return outcome;
    }

    private static System.Text.Json.Nodes.JsonNode? ParseOrNull(string json)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static IResult Paused(string id, ControlOutcome outcome, JobSupervisor jobs) => outcome switch
    {
        ControlOutcome.Done => Results.Json(jobs.Status(id)),
        ControlOutcome.NotRunning => Error($"job '{id}' is not running, so it cannot be paused or resumed: POST /jobs/{id}/start starts it", StatusCodes.Status409Conflict),
        _ => NotFound(id),
    };

    private static IResult Control(string id, ControlOutcome outcome, JobSupervisor jobs) => outcome switch
    {
        ControlOutcome.Done => Results.Json(jobs.Status(id)),
        ControlOutcome.AlreadyRunning => Error($"job '{id}' is already running: POST /jobs/{id}/restart restarts it", StatusCodes.Status409Conflict),
        ControlOutcome.NoSource => Error($"job '{id}' has no source.kafka.topic, so it cannot run on Kafka: add one (PUT /jobs/{id}), or try it with POST /jobs/{id}/test", StatusCodes.Status409Conflict),
        _ => NotFound(id),
    };
}
