namespace Calc.Engine.State;

/// <summary>Settings of <see cref="ConnectionTracker"/>.</summary>
public sealed record ConnectionTrackerOptions
{
    /// <summary>
    /// Inactivity timeout per model id: an online asset with no record for this long (wall clock) goes
    /// offline. Models not listed use <see cref="DefaultInactivityTimeout"/>.
    /// </summary>
    public IReadOnlyDictionary<string, TimeSpan> InactivityTimeouts { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>Timeout of models not in <see cref="InactivityTimeouts"/>; null: such assets only change by connection events.</summary>
    public TimeSpan? DefaultInactivityTimeout { get; init; }

    /// <summary>How often timeouts are checked (an asset goes offline at most this late) and changes are written.</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often the <c>time</c> field (last record) of an active asset is rewritten, which also renews its TTL.</summary>
    public TimeSpan LastSeenRefresh { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// An asset with no record for this long is forgotten in memory (it leaves its site's counts) and
    /// its hash expires in Garnet. Null: keep forever.
    /// </summary>
    public TimeSpan? IdleExpiry { get; init; } = TimeSpan.FromDays(7);
}
