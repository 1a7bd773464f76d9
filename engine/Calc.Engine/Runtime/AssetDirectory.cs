using Calc.Sdk;

namespace Calc.Engine.Runtime;

/// <summary>Asset attributes held in memory (loaded from <c>--assets</c> or the metadata store).</summary>
public sealed class AssetDirectory : IAssetDirectory
{
    private readonly Dictionary<string, Dictionary<string, PointValue>> _assets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _parents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _children = new(StringComparer.Ordinal);

    public static AssetDirectory Empty { get; } = new();

    public int Count => _assets.Count;

    public void Set(string assetId, string name, PointValue value)
    {
        if (!_assets.TryGetValue(assetId, out var attributes))
        {
            attributes = new Dictionary<string, PointValue>(StringComparer.Ordinal);
            _assets[assetId] = attributes;
        }

        attributes[name] = value;
    }

    /// <summary>Sets the parent of an asset in the hierarchy (its site, feeder or string).</summary>
    public void SetParent(string assetId, string parentId)
    {
        if (_parents.TryGetValue(assetId, out var old))
        {
            if (string.Equals(old, parentId, StringComparison.Ordinal))
            {
                return;
            }

            _children[old].Remove(assetId);
        }

        _parents[assetId] = parentId;
        if (!_children.TryGetValue(parentId, out var children))
        {
            children = [];
            _children[parentId] = children;
        }

        children.Add(assetId);
    }

    /// <summary>The assets whose parent is <paramref name="parentId"/>, in the order their parent was set.</summary>
    public IReadOnlyList<string> GetChildren(string parentId) => _children.TryGetValue(parentId, out var children) ? children : [];

    /// <summary>The asset's model: its <c>modelId</c> attribute (set by the asset file and store loaders).</summary>
    public bool TryGetModel(string assetId, out string? modelId)
    {
        if (TryGetAttribute(assetId, "modelId", out var value) && value.Kind == PointValueKind.String)
        {
            modelId = value.Text;
            return true;
        }

        modelId = null;
        return false;
    }

    public bool TryGetParent(string assetId, out string? parentId)
    {
        if (_parents.TryGetValue(assetId, out var parent))
        {
            parentId = parent;
            return true;
        }

        parentId = null;
        return false;
    }

    public bool TryGetAttribute(string assetId, string name, out PointValue value)
    {
        if (_assets.TryGetValue(assetId, out var attributes) && attributes.TryGetValue(name, out value))
        {
            return true;
        }

        value = PointValue.Null;
        return false;
    }
}
