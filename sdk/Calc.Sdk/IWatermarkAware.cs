namespace Calc.Sdk;

/// <summary>
/// Optional capability: the operator is told when the event-time progress (watermark) of an asset
/// advances. The watermark of an asset is the largest event time seen for it (SPEC §4); one slow
/// asset never holds back another.
/// </summary>
public interface IWatermarkAware
{
    /// <summary>
    /// Called after the watermark of <paramref name="assetId"/> moved forward to
    /// <paramref name="watermark"/> (epoch ms), before the record that moved it is processed.
    /// </summary>
    void OnWatermark(string assetId, long watermark);
}
