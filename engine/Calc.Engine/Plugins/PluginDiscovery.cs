namespace Calc.Engine.Plugins;

/// <summary>
/// Finds plugin folders below the roots: a folder holding a <c>calc-plugin.json</c>, one level deep
/// (<c>&lt;root&gt;/&lt;name&gt;/</c>, the built-in pack's layout) or two (<c>&lt;root&gt;/&lt;id&gt;/&lt;version&gt;/</c>,
/// side-by-side versions). Folders whose name starts with a dot are skipped, so an install can be staged
/// in <c>&lt;root&gt;/.staging/</c> and moved into place in one rename. A folder that is a link to somewhere
/// outside the roots is refused.
/// </summary>
internal static class PluginDiscovery
{
    public static List<string> Folders(IReadOnlyList<string> roots, List<(string Folder, string Problem)> refused)
    {
        var found = new List<string>();
        foreach (var root in roots)
        {
            if (!Directory.Exists(root))
            {
                continue;
            }

            foreach (var dir in Sorted(root))
            {
                if (HasManifest(dir))
                {
                    Add(dir, roots, found, refused);
                    continue;
                }

                foreach (var sub in Sorted(dir))
                {
                    if (HasManifest(sub))
                    {
                        Add(sub, roots, found, refused);
                    }
                }
            }
        }

        return found;
    }

    private static void Add(string folder, IReadOnlyList<string> roots, List<string> found, List<(string, string)> refused)
    {
        var full = Path.GetFullPath(folder);
        if (PluginPaths.IsInsideAny(full, roots) && PluginPaths.IsInsideAny(Path.Combine(full, ManifestValidator.FileName), roots))
        {
            found.Add(full);
        }
        else
        {
            refused.Add((full, "refused: the folder links outside the configured plugin roots"));
        }
    }

    private static bool HasManifest(string dir) => File.Exists(Path.Combine(dir, ManifestValidator.FileName));

    private static IEnumerable<string> Sorted(string dir)
    {
        try
        {
            return Directory.GetDirectories(dir).Where(d => !Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal);
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }
}
