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

    /// <summary>
    /// Reads the parent of asset <paramref name="assetId"/> in the asset hierarchy (a site for an
    /// inverter, a feeder for a meter): the <c>parentId</c> of its master data. Group templates use it to
    /// find an asset's group; rules use it to reach the parent's attributes. The default implementation
    /// knows no hierarchy. Cheap enough to call once per asset, not meant per record.
    /// </summary>
    /// <returns>True with the parent's asset id, or false (and null) when the asset has no parent.</returns>
    bool TryGetParent(string assetId, out string? parentId)
    {
        parentId = null;
        return false;
    }

    /// <summary>
    /// Lists the children of asset <paramref name="parentId"/> in the asset hierarchy (the assets whose
    /// parent it is: a site's inverters and weather station), in no particular order. Rules use it to
    /// find an asset's sibling of a model (<c>${sibling.weather::IRRADIATION}</c>). The default
    /// implementation knows no hierarchy. Called once per asset and relation, not per record.
    /// </summary>
    IReadOnlyList<string> GetChildren(string parentId) => [];

    /// <summary>
    /// Reads the model of asset <paramref name="assetId"/> (the <c>modelId</c> of its master data). The
    /// default implementation reads its <c>modelId</c> attribute, as the engine's directories store it.
    /// Called once per asset and relation, not per record.
    /// </summary>
    /// <returns>True with the model id, or false (and null) when the asset's model is not known.</returns>
    bool TryGetModel(string assetId, out string? modelId)
    {
        if (TryGetAttribute(assetId, "modelId", out var value) && value.Kind == PointValueKind.String)
        {
            modelId = value.Text;
            return true;
        }

        modelId = null;
        return false;
    }
}
