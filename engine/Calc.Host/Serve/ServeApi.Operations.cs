using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Calc.Host.Serve;

internal static partial class ServeApi
{
    /// <summary><c>GET /metrics</c> (Prometheus text format), <c>/health/live</c> and <c>/health/ready</c>.</summary>
    private static void MapOperations(WebApplication app, ServeHealth health)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapGet("/health/live", () => Results.Json(new { status = "live" }));
        app.MapGet("/health/ready", async () =>
        {
            var components = await health.CheckAsync();
            var failing = components.Where(c => !c.Ok).Select(c => c.Name).ToList();
            var body = new
            {
                status = failing.Count == 0 ? "ready" : "not ready",
                failing,
                components = components.Select(c => new { name = c.Name, ok = c.Ok, detail = c.Detail }),
            };
            return Results.Json(body, statusCode: failing.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
    }
}
