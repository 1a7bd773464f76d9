using Calc.Engine.Runtime;

namespace Calc.Engine.Metadata;

/// <summary>Loads what a job runs with from the store: its org's assets (and those of no org) and the models.</summary>
public static class StoreAssets
{
    /// <summary>The store's assets of <paramref name="org"/> as a directory (an org-specific asset wins over one of no org).</summary>
    public static AssetDirectory Attributes(MetadataStore store, string org)
    {
        var directory = new AssetDirectory();
        foreach (var asset in store.Assets(org: org).OrderBy(a => a.Org.Length))
        {
            foreach (var (name, value) in asset.Attributes)
            {
                directory.Set(asset.Id, name, value);
            }

            if (asset.Model is not null)
            {
                directory.Set(asset.Id, "modelId", Calc.Sdk.PointValue.FromString(asset.Model));
            }

            if (asset.Parent is not null)
            {
                directory.SetParent(asset.Id, asset.Parent);
            }
        }

        return directory;
    }
}
