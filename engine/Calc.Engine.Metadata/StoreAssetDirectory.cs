using Calc.Sdk;

namespace Calc.Engine.Metadata;

/// <summary>
/// The asset directory a job runs with: attributes from <paramref name="attributes"/> (the store's
/// assets of the job's org, or an <c>--assets</c> file) and the declared point types of the store's models.
/// </summary>
public sealed class StoreAssetDirectory(IAssetDirectory attributes, IReadOnlyList<ModelRecord> models) : IAssetDirectory
{
    private readonly Dictionary<(string, string), PointType> _types = models
        .SelectMany(m => m.Points.Select(p => (Key: (m.Id, p.Key), Type: p.Value)))
        .ToDictionary(x => x.Key, x => x.Type);

    public bool TryGetAttribute(string assetId, string name, out PointValue value) => attributes.TryGetAttribute(assetId, name, out value);

    public bool TryGetParent(string assetId, out string? parentId) => attributes.TryGetParent(assetId, out parentId);

    public IReadOnlyList<string> GetChildren(string parentId) => attributes.GetChildren(parentId);

    public bool TryGetModel(string assetId, out string? modelId) => attributes.TryGetModel(assetId, out modelId);

    public bool TryGetPointType(string modelId, string pointId, out PointType type) => _types.TryGetValue((modelId, pointId), out type);
}
