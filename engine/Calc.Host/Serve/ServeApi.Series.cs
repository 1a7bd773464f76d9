using Calc.Engine.Tsdb;
using Calc.Host.Commands;
using Calc.Sdk;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;

namespace Calc.Host.Serve;

/// <summary>
/// <c>GET /series?asset&amp;point[&amp;from&amp;to&amp;every&amp;agg]</c>: one point of one asset read back from the embedded
/// TSDB (<c>DATA/tsdb.db</c>, what <c>--tsdb</c> and jobs' <c>outputs.tsdb</c> write by default), exactly as
/// <c>calc query</c> reads it — raw or in epoch-aligned buckets — for the token's org only.
/// </summary>
internal static partial class ServeApi
{
    /// <summary>The most samples one answer holds (the console's chart draws 100 k points without effort).</summary>
    internal const int MaxSamples = 100_000;

    private static void MapSeries(WebApplication app)
    {
        app.MapGet("/series", (HttpContext http, string? org) =>
        {
            var principal = ServeAccess.Of(http);
            if (principal.Org is { } own && org is not null && org != own)
            {
                return Error($"token '{principal.Name}' is of org {own}: it reads only that org's series", StatusCodes.Status403Forbidden);
            }

            // The same names and rules as calc query's options: --asset, --point, --from, --to, --every, --agg.
            var args = new List<string>();
            foreach (var name in (string[])["asset", "point", "from", "to", "every", "agg"])
            {
                if (http.Request.Query[name] is { Count: > 0 } value)
                {
                    args.AddRange(["--" + name, value.ToString()]);
                }
            }

            var problems = new ProblemList();
            var parsed = QueryArguments.Parse(args, problems);
            if (!problems.IsEmpty)
            {
                return Results.Json(new { error = "GET /series?asset=A&point=MODEL::P[&from=T&to=T&every=1h&agg=avg]: fix these", problems = problems.Items.Select(p => new { path = p.Path, message = p.Message }) }, statusCode: StatusCodes.Status400BadRequest);
            }

            var path = Path.Combine(Calc.Engine.Hosting.DataDirectory.Path, SqliteTsdbOptions.DefaultFileName);
            if (!File.Exists(path))
            {
                return Error($"no embedded TSDB at {path} yet: run calc serve with --tsdb (the embedded store), or give jobs outputs.tsdb; an external database is read with its own tools", StatusCodes.Status404NotFound);
            }

            IReadOnlyList<TsdbSample> samples;
            try
            {
                samples = SqliteTsdb.Query(path, parsed.Query with { OrgId = principal.Org ?? org });
            }
            catch (SqliteException ex)
            {
                return Error($"cannot read the embedded TSDB at {path}: {ex.Message}", StatusCodes.Status503ServiceUnavailable);
            }

            var shown = samples.Count > MaxSamples ? samples.Skip(samples.Count - MaxSamples) : samples;
            return Results.Json(new
            {
                asset = parsed.Query.AssetId,
                point = parsed.Query.PointId,
                truncated = samples.Count > MaxSamples,
                samples = shown.Select(s => new { org = s.OrgId, modelId = s.ModelId, time = s.Time, value = Json(s.Value) }),
            });
        });
    }
}
