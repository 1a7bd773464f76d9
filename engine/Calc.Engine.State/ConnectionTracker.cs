using Calc.Engine.Runtime;
using System.Runtime.InteropServices;
using Calc.Engine.State.Internal;
using Calc.Sdk;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Calc.Engine.State;

/// <summary>
/// Connection status of every asset (online/offline) and the per-site roll-ups, from connection events
/// (<c>pointId</c> = <c>__connection</c>, value <c>online</c>/<c>offline</c>) and inactivity timeouts.
/// Every change is reported through the callback as an event record and kept in Garnet
/// (<c>calc:conn:{orgId}:{assetId}</c>, <c>calc:site:{orgId}:{siteId}</c>). Rules: docs/state.md.
/// </summary>
/// <remarks>
/// Thread-safe. <see cref="Observe"/> is cheap (one dictionary lookup under a lock; attr is re-read only
/// when its bytes change). The callback runs on the thread of <see cref="Observe"/> (a change caused by
/// a record) or on the timer task (inactivity), outside the lock; it must not block.
/// One tracker per process and state store: it assumes it is the only writer of these hashes.
/// </remarks>
public sealed partial class ConnectionTracker : IAsyncDisposable
{
    /// <summary>The point id of connection events.</summary>
    public const string ConnectionPointId = "__connection";

    /// <summary>Value of an online event.</summary>
    public const string OnlineValue = "online";

    /// <summary>Value of an offline event.</summary>
    public const string OfflineValue = "offline";

    private readonly object _gate = new();
    private readonly Dictionary<AssetKey, AssetConnection> _assets = [];
    private readonly Dictionary<(string OrgId, string SiteId), SiteRollup> _sites = [];
    private readonly IDatabase _database;
    private readonly ConnectionTrackerOptions _options;
    private readonly Action<PointRecord> _onChange;
    private readonly IClock _clock;
    private readonly ILogger _logger;
    private readonly TimeProvider _timers;
    private readonly long _refreshMs;
    private readonly long _idleMs;
    private CancellationTokenSource? _stop;
    private Task? _timer;
    private long _ignoredEvents;
    private AssetConnection? _lastAsset;

    /// <summary>Creates a tracker; call <see cref="LoadAsync"/> then <see cref="Start"/>.</summary>
    /// <param name="database">The state database (<see cref="StateConnection.Database"/>).</param>
    /// <param name="options">Timeouts and intervals.</param>
    /// <param name="onChange">Receives each status change as an event record (see remarks for threading).</param>
    /// <param name="clock">Wall clock; null for the system clock (tests pass a fake one).</param>
    /// <param name="logger">Logger; null for none.</param>
    /// <param name="timers">Drives the check timer; null for the system's (tests pass a fake one with a fake clock).</param>
    public ConnectionTracker(
        IDatabase database, ConnectionTrackerOptions options, Action<PointRecord> onChange, IClock? clock = null, ILogger? logger = null, TimeProvider? timers = null)
    {
        _timers = timers ?? TimeProvider.System;
        _database = database;
        _options = options;
        _onChange = onChange;
        _clock = clock ?? SystemClock.Instance;
        _logger = logger ?? NullLogger.Instance;
        _refreshMs = (long)options.LastSeenRefresh.TotalMilliseconds;
        _idleMs = options.IdleExpiry is { } idle ? (long)idle.TotalMilliseconds : 0;
    }

    /// <summary>Connection events whose value was neither online nor offline, or older than the current status.</summary>
    public long IgnoredEvents => Interlocked.Read(ref _ignoredEvents);

    /// <summary>Takes any record (input or output) of an asset. Cheap; may call the change callback.</summary>
    public void Observe(in PointRecord record)
    {
        PointRecord? change;
        lock (_gate)
        {
            change = ObserveLocked(in record, _clock.NowMs);
        }

        if (change is { } c)
        {
            _onChange(c);
        }
    }

    /// <summary>
    /// Takes several records under one lock (what <see cref="StateFeed"/> calls); changes are reported
    /// after the lock is released, in order.
    /// </summary>
    public void ObserveMany(ReadOnlySpan<PointRecord> records)
    {
        if (records.IsEmpty)
        {
            return;
        }

        List<PointRecord>? changes = null;
        lock (_gate)
        {
            var now = _clock.NowMs;
            foreach (ref readonly var record in records)
            {
                if (ObserveLocked(in record, now) is { } change)
                {
                    (changes ??= []).Add(change);
                }
            }
        }

        if (changes is not null)
        {
            foreach (var change in changes)
            {
                _onChange(change);
            }
        }
    }

    /// <summary>The state of one asset, if tracked.</summary>
    public bool TryGetAsset(string orgId, string assetId, out AssetConnectionState state)
    {
        lock (_gate)
        {
            if (_assets.TryGetValue(new AssetKey(orgId, assetId), out var asset))
            {
                state = asset.Snapshot();
                return true;
            }
        }

        state = default;
        return false;
    }

    /// <summary>The roll-up of one site, if it has tracked assets.</summary>
    public bool TryGetSite(string orgId, string siteId, out SiteCounts counts)
    {
        lock (_gate)
        {
            if (_sites.TryGetValue((orgId, siteId), out var site))
            {
                counts = new SiteCounts(orgId, siteId, site.Online, site.Offline, site.TimeMs);
                return true;
            }
        }

        counts = default;
        return false;
    }

    /// <summary>Number of assets held in memory.</summary>
    public int TrackedAssets
    {
        get
        {
            lock (_gate)
            {
                return _assets.Count;
            }
        }
    }

    /// <summary>One record; returns the status change it caused, if any. Caller holds the lock.</summary>
    private PointRecord? ObserveLocked(in PointRecord record, long now)
    {
        var isEvent = string.Equals(record.PointId, ConnectionPointId, StringComparison.Ordinal);
        var eventStatus = isEvent ? ParseEvent(record.Value) : ConnectionStatus.Unknown;
        if (isEvent && eventStatus == ConnectionStatus.Unknown)
        {
            Interlocked.Increment(ref _ignoredEvents);
            return null;
        }

        var a = FindOrAdd(in record);
        a.LastSeenWallMs = now;
        if (record.Time > a.LastRecordTimeMs)
        {
            a.LastRecordTimeMs = record.Time;
        }

        UpdateSite(a, record.Attr, record.Time);
        var change = isEvent ? ApplyEvent(a, eventStatus, record.Time) : ApplyData(a, record.Time);
        if (change is null && now - a.PersistedWallMs >= _refreshMs)
        {
            MarkDirty(a);
        }

        Schedule(a);
        return change;
    }

    /// <summary>The asset's entry; the last one is remembered, since a device's points come together.</summary>
    private AssetConnection FindOrAdd(in PointRecord record)
    {
        var last = _lastAsset;
        if (last is not null && !last.Evicted && string.Equals(last.AssetId, record.AssetId, StringComparison.Ordinal)
            && string.Equals(last.OrgId, record.OrgId, StringComparison.Ordinal) && string.Equals(last.ModelId, record.ModelId, StringComparison.Ordinal))
        {
            return last;
        }

        ref var asset = ref CollectionsMarshal.GetValueRefOrAddDefault(_assets, new AssetKey(record.OrgId, record.AssetId), out var existed);
        if (!existed)
        {
            asset = new AssetConnection(record.OrgId, record.AssetId, record.ModelId) { TimeoutMs = TimeoutOf(record.ModelId) };
        }
        else if (!string.Equals(asset!.ModelId, record.ModelId, StringComparison.Ordinal))
        {
            asset.ModelId = record.ModelId;
            asset.TimeoutMs = TimeoutOf(record.ModelId);
        }

        _lastAsset = asset;
        return asset!;
    }

    private static ConnectionStatus ParseEvent(PointValue value)
    {
        if (value.Kind == PointValueKind.String)
        {
            if (string.Equals(value.Text, OnlineValue, StringComparison.OrdinalIgnoreCase))
            {
                return ConnectionStatus.Online;
            }

            if (string.Equals(value.Text, OfflineValue, StringComparison.OrdinalIgnoreCase))
            {
                return ConnectionStatus.Offline;
            }
        }

        return ConnectionStatus.Unknown;
    }

    private long TimeoutOf(string modelId)
    {
        var timeout = _options.InactivityTimeouts.TryGetValue(modelId, out var t) ? t : _options.DefaultInactivityTimeout;
        return timeout is { } span && span > TimeSpan.Zero ? (long)span.TotalMilliseconds : 0;
    }

    private PointRecord? ApplyEvent(AssetConnection a, ConnectionStatus status, long time)
    {
        if (a.Status == status)
        {
            return null;
        }

        if (a.Status != ConnectionStatus.Unknown && time < a.SinceMs)
        {
            // An event older than the current status (late or replayed) does not undo it.
            Interlocked.Increment(ref _ignoredEvents);
            return null;
        }

        return SetStatus(a, status, time, byEvent: true);
    }

    private PointRecord? ApplyData(AssetConnection a, long time)
    {
        if (a.Status == ConnectionStatus.Online)
        {
            return null;
        }

        if (a.Status == ConnectionStatus.Unknown)
        {
            return SetStatus(a, ConnectionStatus.Online, time, byEvent: false);
        }

        // Offline: data from before an explicit disconnect does not bring the asset back.
        return a.OfflineByEvent && time < a.SinceMs ? null : SetStatus(a, ConnectionStatus.Online, Math.Max(time, a.SinceMs), byEvent: false);
    }

    private PointRecord SetStatus(AssetConnection a, ConnectionStatus status, long time, bool byEvent)
    {
        if (a.Site is { } site)
        {
            site.Add(a.Status, -1);
            site.Add(status, +1);
            TouchSite(site, time);
        }

        a.Status = status;
        a.SinceMs = time;
        a.OfflineByEvent = byEvent && status == ConnectionStatus.Offline;
        MarkDirty(a);
        return new PointRecord
        {
            OrgId = a.OrgId,
            ModelId = a.ModelId,
            AssetId = a.AssetId,
            PointId = ConnectionPointId,
            Time = time,
            Value = PointValue.FromString(status == ConnectionStatus.Online ? OnlineValue : OfflineValue),
            Attr = a.Site?.Attr,
        };
    }

    private void UpdateSite(AssetConnection a, PointAttributes? attr, long time)
    {
        if (attr is null)
        {
            return;
        }

        if (ReferenceEquals(attr, a.LastAttrObject))
        {
            return;
        }

        var bytes = attr.Utf8Json.Span;
        if (a.LastAttr is { } last && bytes.SequenceEqual(last))
        {
            a.LastAttrObject = attr;
            return;
        }

        a.LastAttr = bytes.ToArray();
        a.LastAttrObject = attr;
        if (!attr.TryGetString("siteId", out var siteId) || siteId is null || string.Equals(siteId, a.Site?.SiteId, StringComparison.Ordinal))
        {
            return;
        }

        if (a.Site is { } old)
        {
            old.Add(a.Status, -1);
            TouchSite(old, time);
        }

        var site = GetOrAddSite(a.OrgId, siteId);
        site.Add(a.Status, +1);
        TouchSite(site, time);
        a.Site = site;
        MarkDirty(a);
    }
}
