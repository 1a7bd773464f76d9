namespace Calc.Sdk;

/// <summary>Asset master data: attributes of assets (rated power, meter slope limits, site), read-only.</summary>
public interface IAssetDirectory
{
    /// <summary>Reads attribute <paramref name="name"/> of asset <paramref name="assetId"/>.</summary>
    bool TryGetAttribute(string assetId, string name, out PointValue value);
}
