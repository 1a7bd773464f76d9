using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Calc.Engine.WebConsole;

/// <summary>
/// The web console of <c>calc serve</c>: the bundled files (web/, built by esbuild at build time and
/// embedded in this assembly) at <c>/console/</c>, and <c>/</c> redirecting there. The files hold no data
/// (the pages call the REST API with the user's token), so they are served without one.
/// </summary>
internal static class WebConsoleEndpoints
{
    /// <summary>The path prefix the console is served at.</summary>
    public const string Prefix = "/console/";

    private static readonly Dictionary<string, (byte[] Body, string Type)> Files = Load();

    /// <summary>True for the requests this serves (GET of <c>/</c> and <c>/console…</c>), which need no token.</summary>
    public static bool IsConsoleRequest(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && (request.Path.Value is "/" or "/console" || request.Path.StartsWithSegments("/console", StringComparison.Ordinal));

    /// <summary>Maps <c>/</c> and <c>/console/{file}</c> (<c>/console</c> redirects to <c>/console/</c>).</summary>
    public static void MapWebConsole(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Redirect(Prefix));
        app.MapGet(Prefix + "{*file}", (string? file, HttpRequest request, HttpResponse response) =>
        {
            // Routing matches /console as /console/: the page's relative links need the slash.
            if (request.Path.Value == "/console")
            {
                return Results.Redirect(Prefix);
            }

            if (!Files.TryGetValue(string.IsNullOrEmpty(file) ? "index.html" : file, out var found))
            {
                return Results.Json(new { error = $"the console has no file '{file}': open {Prefix}" }, statusCode: StatusCodes.Status404NotFound);
            }

            // index.html names the bundle without a version: always revalidate, so an upgrade is seen at once.
            response.Headers.CacheControl = "no-cache";
            return Results.Bytes(found.Body, found.Type);
        });
    }

    private static Dictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(WebConsoleEndpoints).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith("console/", StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            files[name["console/".Length..]] = (buffer.ToArray(), TypeOf(name));
        }

        return files;
    }

    private static string TypeOf(string name) => Path.GetExtension(name) switch
    {
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        _ => "text/html; charset=utf-8",
    };
}
