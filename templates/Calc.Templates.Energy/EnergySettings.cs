namespace Calc.Templates.Energy;

/// <summary>The validated <c>settings</c> of an energy job.</summary>
/// <param name="TimeZone">Day boundaries are local midnights of this zone.</param>
/// <param name="DetailMs">Detail bucket size (epoch-aligned), or null.</param>
/// <param name="Attribution">How spans crossing a boundary are attributed.</param>
/// <param name="MaxGapMs">Power templates: spans longer than this are excluded; null = no limit.</param>
internal sealed record EnergySettings(TimeZoneInfo TimeZone, long? DetailMs, Attribution Attribution, long? MaxGapMs);
