namespace Calc.Templates.Groups;

/// <param name="GroupByAttribute">The attribute naming the group; null groups by the asset's parent.</param>
/// <param name="WindowMs">Window length.</param>
/// <param name="SlideMs">Hop between window starts (the window length when tumbling).</param>
/// <param name="LatencyMs">Allowed lateness per member.</param>
/// <param name="Zone">Time zone of whole-day windows; null for epoch-aligned windows.</param>
/// <param name="MaxMemberLagMs">Lag after which a member stops holding a window; null for none.</param>
/// <param name="RetentionMs">How long closed windows' totals are kept for members seen for the first time.</param>
/// <param name="GroupModel">Model id of the outputs.</param>
internal sealed record GroupSettings(
    string? GroupByAttribute,
    long WindowMs,
    long SlideMs,
    long LatencyMs,
    TimeZoneInfo? Zone,
    long? MaxMemberLagMs,
    long RetentionMs,
    string GroupModel);
