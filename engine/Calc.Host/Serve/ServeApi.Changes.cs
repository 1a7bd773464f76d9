using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Calc.Host.Serve;

internal static partial class ServeApi
{
    private static void MapChanges(WebApplication app, JobSupervisor jobs)
    {
        app.MapPut("/jobs/{id}", async (string id, HttpRequest request) =>
        {
            var result = await jobs.PutAsync(id, await Body(request));
            if (result.Problems.Count > 0)
            {
                return Results.Json(new { problems = result.Problems.Select(p => new { path = p.Path, message = p.Message }) }, statusCode: StatusCodes.Status400BadRequest);
            }

            var body = new { id, version = result.Version, created = result.Created, changed = result.Changed, restarted = result.Restarted, status = jobs.Status(id) };
            return Results.Json(body, statusCode: result.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        });
        app.MapDelete("/jobs/{id}", async (string id) =>
            await jobs.DeleteAsync(id) ? Results.Json(new { id, removed = true }) : NotFound(id));
        app.MapPost("/jobs/{id}/stop", async (string id) => await jobs.StopAsync(id) switch
        {
            ControlOutcome.Done => Results.Json(jobs.Status(id)),
            ControlOutcome.NotRunning => Error($"job '{id}' is not running: POST /jobs/{id}/start starts it", StatusCodes.Status409Conflict),
            _ => NotFound(id),
        });
        app.MapPost("/jobs/{id}/start", async (string id) => Control(id, await jobs.StartAsync(id, restart: false), jobs));
        app.MapPost("/jobs/{id}/restart", async (string id) => Control(id, await jobs.StartAsync(id, restart: true), jobs));
    }

    private static IResult Control(string id, ControlOutcome outcome, JobSupervisor jobs) => outcome switch
    {
        ControlOutcome.Done => Results.Json(jobs.Status(id)),
        ControlOutcome.AlreadyRunning => Error($"job '{id}' is already running: POST /jobs/{id}/restart restarts it", StatusCodes.Status409Conflict),
        ControlOutcome.NoSource => Error($"job '{id}' has no source.kafka.topic, so it cannot run on Kafka: add one (PUT /jobs/{id}), or try it with POST /jobs/{id}/test", StatusCodes.Status409Conflict),
        _ => NotFound(id),
    };
}
