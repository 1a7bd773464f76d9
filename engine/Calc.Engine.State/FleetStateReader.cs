using StackExchange.Redis;

namespace Calc.Engine.State;

/// <summary>The connection status of one asset as the state keeps it (<c>calc:conn:{org}:{asset}</c>).</summary>
public sealed record StoredConnection(string AssetId, string Status, long SinceMs, long TimeMs, string? ModelId, string? SiteId);

/// <summary>A site's roll-up as the state keeps it (<c>calc:site:{org}:{site}</c>).</summary>
public sealed record SiteState(string SiteId, long Online, long Offline, long TimeMs);

/// <summary>
/// Reads one org's fleet out of the device state: every asset's connection status, the sites' roll-ups and
/// the latest value of one point per asset — what <c>GET /assets</c> of <c>calc serve</c> shows.
/// </summary>
public sealed class FleetStateReader(IDatabase database)
{
    private const int Chunk = 1000;

    public async Task<IReadOnlyList<StoredConnection>> ConnectionsAsync(string orgId, CancellationToken cancellationToken = default)
    {
        var prefix = StateKeys.Connection(orgId, string.Empty);
        var hashes = await ReadAllAsync(prefix, cancellationToken);
        return [.. hashes.Select(h => new StoredConnection(
            h.Fields.GetValueOrDefault("assetId") ?? h.Key[prefix.Length..],
            h.Fields.GetValueOrDefault("status") ?? "unknown",
            Long(h.Fields.GetValueOrDefault("since")),
            Long(h.Fields.GetValueOrDefault("time")),
            h.Fields.GetValueOrDefault("modelId"),
            h.Fields.GetValueOrDefault("siteId")))];
    }

    public async Task<IReadOnlyList<SiteState>> SitesAsync(string orgId, CancellationToken cancellationToken = default)
    {
        var prefix = StateKeys.Site(orgId, string.Empty);
        var hashes = await ReadAllAsync(prefix, cancellationToken);
        return [.. hashes.Select(h => new SiteState(
            h.Key[prefix.Length..],
            Long(h.Fields.GetValueOrDefault("online")),
            Long(h.Fields.GetValueOrDefault("offline")),
            Long(h.Fields.GetValueOrDefault("time"))))];
    }

    /// <summary>The latest-value JSON (<c>{"time":…,"value":…,"quality":…}</c>) of <paramref name="pointId"/> for each asset that has one.</summary>
    public async Task<IReadOnlyDictionary<string, string>> LatestAsync(string orgId, IReadOnlyList<string> assetIds, string pointId, CancellationToken cancellationToken = default)
    {
        var latest = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var start = 0; start < assetIds.Count; start += Chunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ids = assetIds.Skip(start).Take(Chunk).ToList();
            var replies = await Task.WhenAll(ids.Select(id => database.HashGetAsync(StateKeys.Latest(orgId, id), pointId)));
            for (var i = 0; i < ids.Count; i++)
            {
                if (replies[i].HasValue)
                {
                    latest[ids[i]] = replies[i].ToString();
                }
            }
        }

        return latest;
    }

    private async Task<List<(string Key, Dictionary<string, string> Fields)>> ReadAllAsync(string prefix, CancellationToken cancellationToken)
    {
        var keys = new List<RedisKey>();
        foreach (var server in database.Multiplexer.GetServers().Where(s => !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(database.Database, StateKeys.StartingWith(prefix), pageSize: Chunk).WithCancellation(cancellationToken))
            {
                keys.Add(key);
            }
        }

        var hashes = new List<(string, Dictionary<string, string>)>(keys.Count);
        for (var start = 0; start < keys.Count; start += Chunk)
        {
            var chunk = keys.Skip(start).Take(Chunk).ToList();
            var replies = await Task.WhenAll(chunk.Select(k => database.HashGetAllAsync(k)));
            for (var i = 0; i < chunk.Count; i++)
            {
                if (replies[i].Length > 0)
                {
                    hashes.Add((chunk[i].ToString(), replies[i].ToDictionary(e => e.Name.ToString(), e => e.Value.ToString(), StringComparer.Ordinal)));
                }
            }
        }

        return hashes;
    }

    private static long Long(string? text) =>
        long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : 0;
}
