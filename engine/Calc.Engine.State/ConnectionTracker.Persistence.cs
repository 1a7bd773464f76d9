using System.Globalization;
using System.Text;
using Calc.Engine.State.Internal;
using StackExchange.Redis;

namespace Calc.Engine.State;

public sealed partial class ConnectionTracker
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    /// <summary>Writes the changed connection and site hashes now (the timer does it every check interval).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            List<AssetConnection> assets;
            List<SiteRollup> sites;
            var tasks = new List<Task>();
            lock (_gate)
            {
                if (_dirtyAssets.Count == 0 && _dirtySites.Count == 0)
                {
                    return;
                }

                var now = _clock.NowMs;
                assets = [.. _dirtyAssets];
                sites = [.. _dirtySites];
                _dirtyAssets.Clear();
                _dirtySites.Clear();
                foreach (var site in sites)
                {
                    if (site.Members == 0 && _sites.TryGetValue((site.OrgId, site.SiteId), out var current) && current == site)
                    {
                        _sites.Remove((site.OrgId, site.SiteId));
                    }

                    tasks.Add(site.Members == 0 ? _database.KeyDeleteAsync(site.Key) : WriteSite(site));
                }

                foreach (var a in assets)
                {
                    a.PersistedWallMs = now;
                    tasks.Add(_database.HashSetAsync(a.Key, ConnectionFields(a)));
                    if (_idleMs > 0)
                    {
                        tasks.Add(_database.KeyExpireAsync(a.Key, TimeSpan.FromMilliseconds(_idleMs)));
                    }
                }
            }

            try
            {
                await Task.WhenAll(tasks);
            }
            catch
            {
                lock (_gate)
                {
                    foreach (var a in assets)
                    {
                        MarkDirty(a);
                    }

                    _dirtySites.UnionWith(sites);
                }

                throw;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Reads the connection hashes in Garnet (one org, or all) so that a restarted engine keeps each
    /// asset's status and <c>since</c> instead of reporting every asset online again; rebuilds the site
    /// roll-ups. Loaded assets count as seen now (an online one goes offline after its full timeout).
    /// Call before <see cref="Observe"/> is used. Returns the number of assets loaded.
    /// </summary>
    public async Task<int> LoadAsync(string? orgId = null, CancellationToken cancellationToken = default)
    {
        var pattern = orgId is null ? StateKeys.ConnectionPattern : StateKeys.StartingWith(StateKeys.Connection(orgId, string.Empty));
        var keys = new List<RedisKey>();
        foreach (var server in _database.Multiplexer.GetServers())
        {
            if (server.IsReplica)
            {
                continue;
            }

            await foreach (var key in server.KeysAsync(_database.Database, pattern, pageSize: 1000).WithCancellation(cancellationToken))
            {
                keys.Add(key);
            }
        }

        var loaded = 0;
        const int chunk = 1000;
        for (var start = 0; start < keys.Count; start += chunk)
        {
            var replies = keys.Skip(start).Take(chunk).Select(k => _database.HashGetAllAsync(k)).ToArray();
            await Task.WhenAll(replies);
            lock (_gate)
            {
                foreach (var reply in replies)
                {
                    loaded += Restore(reply.Result) ? 1 : 0;
                }
            }
        }

        return loaded;
    }

    private Task WriteSite(SiteRollup site)
    {
        var write = _database.HashSetAsync(site.Key, [
            new HashEntry("online", site.Online),
            new HashEntry("offline", site.Offline),
            new HashEntry("time", site.TimeMs),
        ]);
        return _idleMs > 0 ? Task.WhenAll(write, _database.KeyExpireAsync(site.Key, TimeSpan.FromMilliseconds(_idleMs))) : write;
    }

    private static HashEntry[] ConnectionFields(AssetConnection a)
    {
        var fields = new List<HashEntry>(7)
        {
            new("status", a.Status == ConnectionStatus.Online ? OnlineValue : OfflineValue),
            new("since", a.SinceMs),
            new("time", a.LastRecordTimeMs),
            new("orgId", a.OrgId),
            new("modelId", a.ModelId),
            new("assetId", a.AssetId),
        };
        if (a.Site is { } site)
        {
            fields.Add(new("siteId", site.SiteId));
        }

        return [.. fields];
    }

    /// <summary>Adds one stored asset unless it is already tracked. Caller holds the lock.</summary>
    private bool Restore(HashEntry[] fields)
    {
        var values = fields.ToDictionary(f => f.Name.ToString(), f => f.Value.ToString(), StringComparer.Ordinal);
        if (!values.TryGetValue("orgId", out var org) || !values.TryGetValue("assetId", out var assetId)
            || _assets.ContainsKey(new AssetKey(org, assetId)))
        {
            return false;
        }

        var status = ParseEvent(Sdk.PointValue.FromString(values.GetValueOrDefault("status")));
        if (status == ConnectionStatus.Unknown)
        {
            return false;
        }

        var model = values.GetValueOrDefault("modelId") ?? string.Empty;
        var now = _clock.NowMs;
        var a = new AssetConnection(org, assetId, model)
        {
            TimeoutMs = TimeoutOf(model),
            Status = status,
            SinceMs = ParseLong(values.GetValueOrDefault("since")),
            LastRecordTimeMs = ParseLong(values.GetValueOrDefault("time")),
            LastSeenWallMs = now,
            PersistedWallMs = now,
        };
        if (values.TryGetValue("siteId", out var siteId))
        {
            a.Site = GetOrAddSite(org, siteId);
            a.Site.Add(status, +1);
            TouchSite(a.Site, a.SinceMs);
        }

        _assets.Add(new AssetKey(org, assetId), a);
        Schedule(a);
        return true;
    }

    private static long ParseLong(string? text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
