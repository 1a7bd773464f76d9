using Calc.Engine.Plugins;
using Calc.Sdk;

namespace Calc.Engine.Metadata;

/// <summary>
/// The built-in pack: the template plugins that ship in <c>plugins/builtin/</c> next to the program.
/// They are recorded in the store (marked built-in, never removed) whenever it opens, so that
/// <c>calc pack list</c> shows them and stored jobs that use them are known; rows of built-in versions
/// that no longer ship (Calc was updated) are dropped.
/// </summary>
public static class BuiltinPack
{
    public static void Register(MetadataStore store, string builtinRoot)
    {
        var shipped = new List<PluginManifest>();
        if (Directory.Exists(builtinRoot))
        {
            foreach (var folder in Directory.GetDirectories(builtinRoot).Order(StringComparer.Ordinal))
            {
                var manifest = ManifestValidator.Read(folder, new ProblemList());
                if (manifest is not null)
                {
                    shipped.Add(manifest);
                    var known = store.Packs().Any(p => p.BuiltIn && p.Id == manifest.Id && p.Version == manifest.Version && p.Folder == folder);
                    if (!known)
                    {
                        store.SavePack(manifest, folder, builtIn: true);
                    }
                }
            }
        }

        foreach (var stale in store.Packs().Where(p => p.BuiltIn && !shipped.Any(m => m.Id == p.Id && m.Version == p.Version)))
        {
            store.DeletePack(stale.Id, stale.Version);
        }
    }
}
