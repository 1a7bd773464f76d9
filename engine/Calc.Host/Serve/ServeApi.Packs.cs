using Calc.Engine.Hosting;
using Calc.Engine.Metadata;
using Calc.Sdk;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Calc.Host.Serve;

/// <summary>
/// <c>GET /packs</c>, <c>POST /packs</c> (a zip in the body) and <c>DELETE /packs/{id}</c>: the template packs of
/// the data directory, as <c>calc pack list|install|remove</c> manage them on the host. Admin only: a pack is
/// code that every org's jobs may load.
/// </summary>
internal static partial class ServeApi
{
    /// <summary>The largest pack zip accepted over the API.</summary>
    internal const long MaxPackBytes = 256L * 1024 * 1024;

    private static void MapPacks(WebApplication app, JobSupervisor jobs, StoreGate store)
    {
        app.MapGet("/packs", (HttpContext http) =>
        {
            // Which jobs use a pack: only those of the token's org (an admin of every org sees all).
            var principal = ServeAccess.Of(http);
            var orgs = jobs.Samples().ToDictionary(s => s.Id, s => s.Org, StringComparer.Ordinal);
            return Results.Json(store.Use(s => PackList(s, job => principal.Sees(orgs.GetValueOrDefault(job, "")))));
        });
        app.MapPost("/packs", async (HttpRequest request, bool? force) =>
        {
            var zip = await ReceiveZip(request);
            if (zip.Error is { } refused)
            {
                return refused;
            }

            try
            {
                var problems = new ProblemList();
                var (pack, previous) = store.Use(s =>
                {
                    var before = s.Packs();
                    var installed = new PackInstaller(s, DataDirectory.PacksRoot).Install(zip.Path!, force ?? false, problems);
                    return (installed, before.Where(p => p.Id == installed?.Id && p.ParsedVersion < installed.ParsedVersion).MaxBy(p => p.ParsedVersion));
                });
                if (pack is null)
                {
                    return Results.Json(
                        new { error = "the pack was not installed: fix these and upload it again (docs/packs.md)", problems = problems.Items.Select(p => new { path = p.Path, message = p.Message }) },
                        statusCode: StatusCodes.Status422UnprocessableEntity);
                }

                ServeAccess.Audit(request.HttpContext, store, "pack.install", pack.Id, previous is null ? pack.Version : $"{pack.Version} (upgraded from {previous.Version})");
                return Results.Json(new { id = pack.Id, version = pack.Version, sdkVersion = pack.SdkVersion, operators = pack.Operators, upgradedFrom = previous?.Version }, statusCode: StatusCodes.Status201Created);
            }
            finally
            {
                File.Delete(zip.Path!);
            }
        });
        app.MapDelete("/packs/{id}", (string id, string? version, HttpContext http) =>
        {
            var result = store.Use(s => new PackRemover(s, DataDirectory.PacksRoot).Remove(id, version));
            var name = version is null ? $"pack {id}" : $"pack {id} {version}";
            if (result.BuiltIn)
            {
                return Error($"{name} is the built-in pack, which ships with calc; install a newer version to replace it", StatusCodes.Status409Conflict);
            }

            if (result.Users.Count > 0)
            {
                var jobs = result.Users.GroupBy(u => u.JobId).Select(g => $"job '{g.Key}' uses {string.Join(", ", g.Select(u => u.OperatorId))}");
                return Error($"{name} is in use, not removed: {string.Join("; ", jobs)}. Delete those jobs first (DELETE /jobs/ID)", StatusCodes.Status409Conflict);
            }

            if (result.Removed.Count == 0)
            {
                return Error($"{name} is not installed: GET /packs lists what is", StatusCodes.Status404NotFound);
            }

            ServeAccess.Audit(http, store, "pack.remove", id, string.Join(", ", result.Removed.Select(p => p.Version)));
            return Results.Json(new { removed = result.Removed.Select(p => new { id = p.Id, version = p.Version }) });
        });
    }

    /// <summary>Every installed pack version, which one jobs get (the newest of its id), and the stored jobs (those <paramref name="shown"/>) that use its templates.</summary>
    private static object PackList(MetadataStore store, Func<string, bool> shown)
    {
        var packs = store.Packs();
        var active = packs.GroupBy(p => p.Id).Select(g => g.MaxBy(p => p.ParsedVersion)!).ToHashSet();
        return packs.Select(p => new
        {
            id = p.Id,
            version = p.Version,
            sdkVersion = p.SdkVersion,
            builtIn = p.BuiltIn,
            active = active.Contains(p),
            installedAt = p.InstalledAt,
            operators = p.Operators,
            usedBy = active.Contains(p)
                ? store.JobsUsing(p.Operators).Where(u => shown(u.JobId)).GroupBy(u => u.JobId).Select(g => new { job = g.Key, operators = g.Select(u => u.OperatorId).Distinct() })
                : [],
        }).ToList();
    }

    private static async Task<(string? Path, IResult? Error)> ReceiveZip(HttpRequest request)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxPackBytes;
        }

        var path = Path.Combine(Path.GetTempPath(), "calc-pack-" + Guid.NewGuid().ToString("N") + ".zip");
        try
        {
            await using (var file = File.Create(path))
            {
                await request.Body.CopyToAsync(file, request.HttpContext.RequestAborted);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            File.Delete(path);
            return (null, Error($"the pack is larger than {MaxPackBytes / (1024 * 1024)} MB", StatusCodes.Status413PayloadTooLarge));
        }

        if (new FileInfo(path).Length == 0)
        {
            File.Delete(path);
            return (null, Error("send the pack's .zip as the request body (curl --data-binary @pack.zip -H 'Content-Type: application/zip')"));
        }

        return (path, null);
    }
}
