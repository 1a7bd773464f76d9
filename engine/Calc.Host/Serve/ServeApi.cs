using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Microsoft.Extensions.Logging;
using Calc.Engine.WebConsole;

namespace Calc.Host.Serve;

/// <summary>
/// The REST API of <c>calc serve</c> (ASP.NET Core minimal APIs), JSON in and out; every error is
/// <c>{"error":"…"}</c> saying what to do next. docs/serve.md lists the endpoints.
/// </summary>
internal static partial class ServeApi
{
    /// <summary>Builds the web application listening on <paramref name="listen"/> (<c>HOST:PORT</c>; port 0 picks a free one).</summary>
    public static WebApplication Build(string listen, JobSupervisor jobs, ServeContext context, ServeHealth health)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (context.Options.Certificate is { } certificate)
        {
            // The slim builder leaves HTTPS out unless asked for: then every connection is TLS with this certificate.
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));
        }

        builder.WebHost.UseUrls((context.Options.Certificate is null ? "http://" : "https://") + listen);
        // GET /metrics: the service's meter and the runtime's (process CPU, memory, GC), pulled at scrape time.
        builder.Services.AddOpenTelemetry().ConfigureResource(r => r.AddService("calc-serve")).WithMetrics(metrics => metrics
            .AddMeter(ServeMetrics.MeterName, "System.Runtime")
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        var app = builder.Build();
        app.Use(async (http, next) =>
        {
            try
            {
                await next(http);
            }
            catch (BadHttpRequestException ex)
            {
                await Error(ex.Message + ": check the request").ExecuteAsync(http);
            }
            catch (CompilerBusyException ex) when (!http.Response.HasStarted)
            {
                http.Response.Headers.RetryAfter = ex.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Error(ex.Message, StatusCodes.Status503ServiceUnavailable).ExecuteAsync(http);
            }
            catch (Exception ex) when (!http.Response.HasStarted)
            {
                context.Report($"calc serve: {http.Request.Method} {http.Request.Path} failed: {ex}");
                await Error($"internal error: {ex.Message} ({ex.GetType().Name}); the service log (stderr) has the details", StatusCodes.Status500InternalServerError).ExecuteAsync(http);
            }
        });
        app.Use(async (http, next) =>
        {
            if (ServeAccess.Check(http, context.Store, context.Options.InsecureLocal) is { } refused)
            {
                await refused.ExecuteAsync(http);
                return;
            }

            await next(http);
        });
        MapStatus(app, jobs, context);
        MapOperations(app, health);
        MapChanges(app, jobs, context.Store);
        MapReplay(app, jobs, context.Store);
        MapTests(app, context);
        MapTrace(app, jobs, context);
        MapExplain(app, context);
        MapPacks(app, jobs, context.Store);
        MapFleet(app, context);
        MapSeries(app);
        app.MapWebConsole();
        app.MapFallback((HttpRequest r) => Error($"no endpoint {r.Method} {r.Path}: the endpoints are /health, /health/live, /health/ready, /metrics, /audit, /jobs, /jobs/{{id}}, /jobs/{{id}}/versions, /jobs/{{id}}/start|stop|restart|pause|resume|replay|test|explain|rollback, /jobs/{{id}}/trace, /test, /explain, /me, /packs, /assets, /series and the web console at /console/ (docs/serve.md)", StatusCodes.Status404NotFound));
        return app;
    }

    private static void MapStatus(WebApplication app, JobSupervisor jobs, ServeContext context)
    {
        app.MapGet("/health", () =>
        {
            var all = jobs.Statuses();
            var stalled = all.Count(s => s.Stalled is not null);
            var abandoned = all.Concat(jobs.DeletedWithAbandonedLanes()).Sum(s => s.Abandoned.Count);
            return Results.Json(new
            {
                status = stalled + abandoned == 0 ? "ok" : "degraded",
                jobs = all.Count,
                running = all.Count(s => s.State == "running"),
                paused = all.Count(s => s.State == "paused"),
                failed = all.Count(s => s.State == "failed"),
                stalled,
                abandoned,
                tsdb = context.Tsdb?.Health(),
            });
        });
        app.MapGet("/jobs", (HttpContext http) =>
        {
            var principal = ServeAccess.Of(http);
            var orgs = jobs.Samples().ToDictionary(s => s.Id, s => s.Org, StringComparer.Ordinal);
            return Results.Json(jobs.Statuses().Where(s => principal.Sees(orgs.GetValueOrDefault(s.Id, ""))).Select(s => WithOrg(s, orgs.GetValueOrDefault(s.Id, ""))));
        });
        app.MapGet("/me", (HttpContext http) =>
        {
            var principal = ServeAccess.Of(http);
            return Results.Json(new { name = principal.Name, org = principal.Org, role = principal.Role });
        });
        app.MapGet("/audit", (HttpContext http, int? limit) =>
            Results.Json(context.Store.Use(s => s.AuditEntries(ServeAccess.Of(http).Org, Math.Clamp(limit ?? 100, 1, 10_000)))));
        app.MapGet("/jobs/{id}", (string id, int? version) =>
        {
            if (version is < 1)
            {
                return Error($"version must be 1 or more (GET /jobs/{id} shows the latest)");
            }

            var stored = context.Store.Use(s => s.Job(id, version));
            if (stored is null)
            {
                return NotFound(id, version);
            }

            return Results.Json(new { id, version = stored.Version, savedAt = stored.CreatedAt, status = jobs.Status(id), job = JsonNode.Parse(stored.Json) });
        });
    }

    /// <summary>A job's status with its org (the console filters the list by it).</summary>
    private static JsonNode WithOrg(JobStatus status, string org)
    {
        var node = System.Text.Json.JsonSerializer.SerializeToNode(status, System.Text.Json.JsonSerializerOptions.Web)!;
        node["org"] = org;
        return node;
    }

    private static IResult Error(string message, int status = StatusCodes.Status400BadRequest) => Results.Json(new { error = message }, statusCode: status);

    private static IResult NotFound(string id, int? version = null) => Error(
        version is null ? $"no job '{id}': GET /jobs lists them; PUT /jobs/{id} adds it" : $"job '{id}' has no version {version}: GET /jobs/{id} shows the latest",
        StatusCodes.Status404NotFound);

    private static async Task<string> Body(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
    }
}
