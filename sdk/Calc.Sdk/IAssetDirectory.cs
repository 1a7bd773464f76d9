namespace Calc.Sdk;

/// <summary>Asset master data: attributes of assets (rated power, meter slope limits, site), read-only.</summary>
public interface IAssetDirectory
{
    /// <summary>Reads attribute <paramref name="name"/> of asset <paramref name="assetId"/>.</summary>
    bool TryGetAttribute(string assetId, string name, out PointValue value);

    /// <summary>
    /// Reads the declared type of point <paramref name="pointId"/> of model <paramref name="modelId"/>
    /// (the metadata store's models). Operators that compute a point coerce their output to it. The
    /// default implementation declares no types. Called when an operator opens, not per record.
    /// </summary>
    bool TryGetPointType(string modelId, string pointId, out PointType type)
    {
        type = PointType.Double;
        return false;
    }
}
