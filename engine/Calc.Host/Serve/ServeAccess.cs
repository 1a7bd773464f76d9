using System.Net;
using System.Text.Json.Nodes;
using Calc.Engine.Jobs;
using Calc.Sdk;
using Microsoft.AspNetCore.Http;

namespace Calc.Host.Serve;

/// <summary>
/// Who may call what: every request needs an API token (<c>Authorization: Bearer …</c>) from the metadata
/// store — not revoked, not expired — unless the service runs with <c>--insecure-local</c> and the request
/// comes from loopback (then it is <see cref="Principal.Anonymous"/>). Viewers read, engineers also change
/// jobs, admins also read the service-wide endpoints (metrics, readiness, audit, packs). A job of another org
/// is a 404, as an unknown one.
/// </summary>
internal static class ServeAccess
{
    private const string PrincipalKey = "calc.principal";

    /// <summary>The principal of a request that passed <see cref="Check"/>.</summary>
    public static Principal Of(HttpContext http) => (Principal)http.Items[PrincipalKey]!;

    /// <summary>The refusal of a request (401, 403 or 404), or null when it may go on (its principal then set).</summary>
    public static IResult? Check(HttpContext http, StoreGate store, bool insecureLocal)
    {
        // A liveness probe (systemd, a load balancer, Kubernetes) has no token; the answer says only "live".
        if (HttpMethods.IsGet(http.Request.Method) && http.Request.Path.Value == "/health/live")
        {
            return null;
        }

        // The web console's files hold no data; its pages call the API with the user's token.
        if (Calc.Engine.WebConsole.WebConsoleEndpoints.IsConsoleRequest(http.Request))
        {
            return null;
        }

        var header = http.Request.Headers.Authorization.ToString();
        Principal principal;
        if (header.Length == 0)
        {
            if (!insecureLocal || http.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote))
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return Refuse("this endpoint needs an API token: send 'Authorization: Bearer TOKEN' ('calc token create --org ORG --role viewer|engineer|admin' makes one)", StatusCodes.Status401Unauthorized);
            }

            principal = Principal.Anonymous;
        }
        else
        {
            var secret = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : "";
            var token = secret.Length == 0 ? null : store.Use(s => s.FindToken(secret));
            var now = DateTimeOffset.UtcNow;
            var refusal = token is null ? "the token is not known: check it, or make one with 'calc token create'"
                : token.RevokedAt is { } revoked ? $"token {token.Id} was revoked at {revoked:u}: make a new one with 'calc token create'"
                : token.ExpiresAt <= now ? $"token {token.Id} expired at {token.ExpiresAt:u}: make a new one with 'calc token create'"
                : null;
            if (refusal is not null)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                return Refuse(refusal, StatusCodes.Status401Unauthorized);
            }

            principal = new Principal(token!.Name, token.Org, token.Role);
        }

        var required = RequiredRole(http.Request.Method, http.Request.Path.Value ?? "/");
        if (!principal.Has(required))
        {
            return Refuse($"{http.Request.Method} {http.Request.Path} needs the {required} role; token '{principal.Name}' has the {principal.Role} role", StatusCodes.Status403Forbidden);
        }

        if (JobIdOf(http.Request.Path.Value) is { } id && principal.Org is not null
            && store.Use(s => s.Job(id)) is { } stored && !principal.Sees(OrgOf(stored.Json)))
        {
            return Refuse($"no job '{id}': GET /jobs lists them; PUT /jobs/{id} adds it", StatusCodes.Status404NotFound);
        }

        http.Items[PrincipalKey] = principal;
        return null;
    }

    /// <summary>For a body that carries a job (<c>PUT /jobs/{id}</c>, <c>POST /test</c>): a 403 when its <c>orgId</c> is not the token's org.</summary>
    public static IResult? CheckBodyOrg(HttpContext http, JsonNode? job)
    {
        var principal = Of(http);
        if (principal.Org is not null && job?["orgId"] is JsonValue value && value.TryGetValue(out string? org) && !principal.Sees(org))
        {
            return Refuse($"token '{principal.Name}' of org {principal.Org} cannot use jobs of org {org}: set \"orgId\":\"{principal.Org}\"", StatusCodes.Status403Forbidden);
        }

        return null;
    }

    /// <summary>Records a change made by the request's principal.</summary>
    public static void Audit(HttpContext http, StoreGate store, string action, string target, string detail)
    {
        var principal = Of(http);
        store.Use(s => s.Audit(principal.Name, principal.Org, action, target, detail));
    }

    /// <summary>The org of a stored job document ("" when it does not parse).</summary>
    public static string OrgOf(string json) => JobParser.Parse(json, new ProblemList())?.OrgId ?? "";

    private static string RequiredRole(string method, string path) => path switch
    {
        "/metrics" or "/health" or "/health/ready" or "/audit" or "/packs" => "admin",
        _ when path.StartsWith("/packs/", StringComparison.Ordinal) => "admin",
        _ when HttpMethods.IsGet(method) => "viewer",
        _ => "engineer",
    };

    private static string? JobIdOf(string? path)
    {
        if (path is null || !path.StartsWith("/jobs/", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = path["/jobs/".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var id = slash < 0 ? rest : rest[..slash];
        return id.Length == 0 ? null : Uri.UnescapeDataString(id);
    }

    private static IResult Refuse(string message, int status) => Results.Json(new { error = message }, statusCode: status);
}
