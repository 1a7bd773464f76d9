using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Calc.Host.Serve;

internal static partial class ServeApi
{
    /// <summary>
    /// <c>GET /packs</c> (admin): the installed pack versions (the built-in one too), their operators and
    /// which stored jobs of the token's org use each. Packs are installed on the host (<c>calc pack install</c>).
    /// </summary>
    private static void MapPacks(WebApplication app, JobSupervisor jobs, StoreGate store)
    {
        app.MapGet("/packs", (HttpContext http) =>
        {
            var principal = ServeAccess.Of(http);
            var orgs = jobs.Samples().ToDictionary(s => s.Id, s => s.Org, StringComparer.Ordinal);
            var (packs, uses) = store.Use(s =>
            {
                var all = s.Packs();
                return (all, s.JobsUsing([.. all.SelectMany(p => p.Operators).Distinct(StringComparer.Ordinal)]));
            });
            return Results.Json(packs.Select(p => new
            {
                id = p.Id,
                version = p.Version,
                sdk = p.SdkVersion,
                builtIn = p.BuiltIn,
                installedAt = p.InstalledAt,
                operators = p.Operators,
                jobs = uses.Where(u => p.Operators.Contains(u.OperatorId) && principal.Sees(orgs.GetValueOrDefault(u.JobId, "")))
                    .Select(u => new { job = u.JobId, @operator = u.OperatorId }),
            }));
        });
    }
}
