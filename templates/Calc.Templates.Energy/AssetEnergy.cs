namespace Calc.Templates.Energy;

/// <summary>
/// The state of one (asset, policy): the previous reading, the meter anchor or previous power sample,
/// and the open daily and detail buckets.
/// </summary>
internal sealed class AssetEnergy(string orgId, string modelId, string assetId)
{
    public string OrgId { get; } = orgId;

    public string ModelId { get; } = modelId;

    public string AssetId { get; } = assetId;

    /// <summary>A reading (meter) or sample (power) has been taken; <see cref="PreviousTime"/> is its time.</summary>
    public bool HasPrevious;
    public long PreviousTime;

    /// <summary>Meter: the anchor value. Power: the previous sample's (possibly repaired) value.</summary>
    public double Value;

    /// <summary>Power: the previous sample was valid or repaired.</summary>
    public bool ValueValid;

    /// <summary>Meter: the time of the anchor (the last change).</summary>
    public long AnchorTime;

    public BucketTrack Day;
    public BucketTrack Detail;
}
