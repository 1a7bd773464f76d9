namespace Calc.Sdk;

/// <summary>
/// One measurement of one point of one asset (SPEC §1). A value type passed by <c>in</c> reference
/// on the hot path, so that forwarding and emitting records does not allocate.
/// </summary>
public readonly record struct PointRecord
{
    /// <summary>Tenant (organization unit).</summary>
    public required string OrgId { get; init; }

    /// <summary>Device model (type).</summary>
    public required string ModelId { get; init; }

    /// <summary>Device / asset instance.</summary>
    public required string AssetId { get; init; }

    /// <summary>Measurement point.</summary>
    public required string PointId { get; init; }

    /// <summary>Event time, epoch milliseconds UTC.</summary>
    public long Time { get; init; }

    /// <summary>The measured or computed value.</summary>
    public PointValue Value { get; init; }

    /// <summary>Quality code; 0 is good, anything else is invalid for thresholds.</summary>
    public int Quality { get; init; }

    /// <summary>Optional tags, carried through; null when the record has none.</summary>
    public PointAttributes? Attr { get; init; }

    /// <summary>For outputs: how this emission relates to others of the same (asset, point, time).</summary>
    public CalMode CalMode { get; init; }

    /// <summary>An output record of the same org, model and asset as <paramref name="source"/>.</summary>
    public static PointRecord Derive(in PointRecord source, string pointId, long time, PointValue value, CalMode calMode = CalMode.None) => new()
    {
        OrgId = source.OrgId,
        ModelId = source.ModelId,
        AssetId = source.AssetId,
        PointId = pointId,
        Time = time,
        Value = value,
        CalMode = calMode,
    };
}
