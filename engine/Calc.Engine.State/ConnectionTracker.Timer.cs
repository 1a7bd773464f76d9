using Calc.Engine.State.Internal;
using Calc.Sdk;
using Microsoft.Extensions.Logging;

namespace Calc.Engine.State;

public sealed partial class ConnectionTracker
{
    private readonly PriorityQueue<AssetConnection, long> _deadlines = new();
    private readonly HashSet<AssetConnection> _dirtyAssets = [];
    private readonly HashSet<SiteRollup> _dirtySites = [];

    /// <summary>Starts the timer task: every <see cref="ConnectionTrackerOptions.CheckInterval"/> it runs <see cref="Tick"/> and writes changes.</summary>
    public void Start()
    {
        if (_timer is not null)
        {
            return;
        }

        _stop = new CancellationTokenSource();
        // Made here, not in the task, so that its first period counts from this call.
        var timer = new PeriodicTimer(_options.CheckInterval, _timers);
        _timer = Task.Run(() => RunTimerAsync(timer, _stop.Token));
    }

    /// <summary>
    /// Applies inactivity timeouts and idle expiry as of the clock's now. The timer calls it; tests with
    /// a fake clock call it directly. An asset goes offline at its last record's wall time + timeout.
    /// </summary>
    public void Tick()
    {
        List<PointRecord>? changes = null;
        lock (_gate)
        {
            var now = _clock.NowMs;
            while (_deadlines.TryPeek(out var a, out var deadline) && deadline <= now)
            {
                _deadlines.Dequeue();
                if (a.Evicted || deadline != a.QueuedDeadline)
                {
                    continue;
                }

                a.QueuedDeadline = long.MaxValue;
                if (a.Status == ConnectionStatus.Online && a.TimeoutMs > 0 && now >= a.LastSeenWallMs + a.TimeoutMs)
                {
                    (changes ??= []).Add(SetStatus(a, ConnectionStatus.Offline, a.LastSeenWallMs + a.TimeoutMs, byEvent: false));
                }
                else if (_idleMs > 0 && now >= a.LastSeenWallMs + _idleMs)
                {
                    Evict(a);
                    continue;
                }

                Schedule(a);
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

    /// <summary>Stops the timer and writes what is pending (errors are logged).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop is not null)
        {
            await _stop.CancelAsync();
            await _timer!;
            _stop.Dispose();
        }

        try
        {
            await FlushAsync();
        }
        catch (Exception ex)
        {
            LogWriteFailed(_logger, ex);
        }
    }

    private async Task RunTimerAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        using var _ = timer;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    Tick();
                    await FlushAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogWriteFailed(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>Queues the asset's next deadline if it is earlier than the one queued. Caller holds the lock.</summary>
    private void Schedule(AssetConnection a)
    {
        long deadline;
        if (a.Status == ConnectionStatus.Online && a.TimeoutMs > 0)
        {
            deadline = a.LastSeenWallMs + a.TimeoutMs;
        }
        else if (_idleMs > 0)
        {
            deadline = a.LastSeenWallMs + _idleMs;
        }
        else
        {
            return;
        }

        if (deadline < a.QueuedDeadline)
        {
            a.QueuedDeadline = deadline;
            _deadlines.Enqueue(a, deadline);
        }
    }

    private void Evict(AssetConnection a)
    {
        a.Evicted = true;
        _assets.Remove(new AssetKey(a.OrgId, a.AssetId));
        _dirtyAssets.Remove(a);
        if (a.Site is { } site)
        {
            site.Add(a.Status, -1);
            TouchSite(site, _clock.NowMs);
        }
    }

    private void MarkDirty(AssetConnection a)
    {
        if (!a.Evicted)
        {
            _dirtyAssets.Add(a);
        }
    }

    private void TouchSite(SiteRollup site, long time)
    {
        if (time > site.TimeMs)
        {
            site.TimeMs = time;
        }

        _dirtySites.Add(site);
    }

    private SiteRollup GetOrAddSite(string orgId, string siteId)
    {
        if (!_sites.TryGetValue((orgId, siteId), out var site))
        {
            site = new SiteRollup(orgId, siteId);
            _sites.Add((orgId, siteId), site);
        }

        return site;
    }

    [LoggerMessage(EventId = 4030, Level = LogLevel.Warning, Message = "Writing connection state to Garnet failed; it is retried")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);
}
