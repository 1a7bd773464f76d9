using System.Text.Json.Nodes;
using Calc.Engine.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Calc.Host.Serve;

/// <summary>
/// <c>GET /assets</c>: one org's fleet — the assets of the metadata store (model, parent, attributes) and,
/// with <c>--state</c>, every asset's connection status, the sites' roll-ups and the latest value of a chosen point.
/// </summary>
internal static partial class ServeApi
{
    private const int MaxAssets = 10_000;

    private static void MapFleet(WebApplication app, ServeContext context)
    {
        app.MapGet("/assets", async (HttpContext http, string? org, string? model, string? point, string? status, int? limit) =>
        {
            var principal = ServeAccess.Of(http);
            if (principal.Org is { } own && org is not null && org != own)
            {
                return Error($"token '{principal.Name}' is of org {own}: it sees only that org's assets", StatusCodes.Status403Forbidden);
            }

            if ((principal.Org ?? org) is not { } orgId)
            {
                return Error("say which org's assets: GET /assets?org=ORG");
            }

            if (status is not (null or "online" or "offline"))
            {
                return Error($"status must be online or offline, not '{status}'");
            }

            var stored = context.Store.Use(s => s.Assets(org: orgId));
            var assets = new SortedDictionary<string, FleetRow>(StringComparer.Ordinal);
            foreach (var asset in stored.OrderBy(a => a.Org.Length))
            {
                assets[asset.Id] = new FleetRow(asset.Model, asset.Parent, asset.Attributes.ToDictionary(a => a.Key, a => Json(a.Value)));
            }

            IReadOnlyList<SiteState> sites = [];
            if (context.State is { } state)
            {
                var reader = new FleetStateReader(state.Services.Connection.Database);
                foreach (var connection in await reader.ConnectionsAsync(orgId, http.RequestAborted))
                {
                    var row = assets.TryGetValue(connection.AssetId, out var known) ? known : new FleetRow(connection.ModelId, null, []);
                    assets[connection.AssetId] = row with { ModelId = row.ModelId ?? connection.ModelId, Connection = connection };
                }

                sites = await reader.SitesAsync(orgId, http.RequestAborted);
            }

            var chosen = assets
                .Where(a => model is null || a.Value.ModelId == model)
                .Where(a => status is null || a.Value.Connection?.Status == status)
                .ToList();
            var shown = chosen.Take(Math.Clamp(limit ?? 1000, 1, MaxAssets)).ToList();
            IReadOnlyDictionary<string, string> latest = new Dictionary<string, string>();
            if (point is not null && context.State is { } withState)
            {
                latest = await new FleetStateReader(withState.Services.Connection.Database).LatestAsync(orgId, [.. shown.Select(a => a.Key)], point, http.RequestAborted);
            }

            return Results.Json(new
            {
                org = orgId,
                state = context.State is not null,
                point,
                total = chosen.Count,
                truncated = shown.Count < chosen.Count,
                assets = shown.Select(a => new
                {
                    id = a.Key,
                    modelId = a.Value.ModelId,
                    parentId = a.Value.ParentId,
                    attributes = a.Value.Attributes,
                    connection = a.Value.Connection is { } c ? new { status = c.Status, since = c.SinceMs, time = c.TimeMs, siteId = c.SiteId } : null,
                    latest = latest.TryGetValue(a.Key, out var json) ? JsonNode.Parse(json) : null,
                }),
                sites = sites.OrderBy(s => s.SiteId, StringComparer.Ordinal).Select(s => new { id = s.SiteId, online = s.Online, offline = s.Offline, time = s.TimeMs }),
            });
        });
    }

    /// <summary>An attribute as its JSON type (a number stays a number).</summary>
    private static object? Json(Calc.Sdk.PointValue value) => value.Kind switch
    {
        Calc.Sdk.PointValueKind.Number => value.Number,
        Calc.Sdk.PointValueKind.Bool => value.Bool,
        Calc.Sdk.PointValueKind.String => value.Text,
        _ => null,
    };

    private sealed record FleetRow(string? ModelId, string? ParentId, Dictionary<string, object?> Attributes)
    {
        public StoredConnection? Connection { get; init; }
    }
}
