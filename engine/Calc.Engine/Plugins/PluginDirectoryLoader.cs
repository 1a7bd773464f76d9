using Calc.Sdk;

namespace Calc.Engine.Plugins;

/// <summary>
/// Loads plugins from their folders (one folder, one manifest, one load context each, sharing only
/// the SDK and logging abstractions) and registers their operators. When several versions of a plugin
/// are installed, the newest that loads wins. A plugin that fails to load is reported with its folder
/// and every reason; the others still load. For plugins that change while Calc runs, use <see cref="PluginCatalog"/>.
/// </summary>
public sealed class PluginDirectoryLoader(OperatorRegistry registry, IReadOnlyList<string> roots)
{
    public List<LoadedPlugin> Loaded { get; } = [];

    /// <summary>
    /// Load into collectible (unloadable) contexts. Off by default: this loader never unloads, and code
    /// in a collectible context runs slower on the hot path (docs/benchmarks.md, "Plugins").
    /// </summary>
    public bool Collectible { get; init; }

    /// <summary>Loads the newest loadable version of every plugin below the roots.</summary>
    public void LoadAll(ProblemList problems)
    {
        var refused = new List<(string Folder, string Problem)>();
        var candidates = new List<(string Folder, PluginManifest Manifest, Version Version)>();
        foreach (var folder in PluginDiscovery.Folders(roots, refused))
        {
            var manifest = ManifestValidator.Read(folder, problems);
            if (manifest is not null)
            {
                candidates.Add((folder, manifest, Version.Parse(manifest.Version)));
            }
        }

        foreach (var (folder, problem) in refused)
        {
            problems.Add(folder, problem);
        }

        foreach (var versions in candidates.GroupBy(c => c.Manifest.Id).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach (var candidate in versions.OrderByDescending(c => c.Version))
            {
                if (Load(candidate.Folder, candidate.Manifest, problems) is not null)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Loads one plugin folder, which must be inside one of the configured roots.</summary>
    public LoadedPlugin? Load(string directory, ProblemList problems)
    {
        var full = Path.GetFullPath(directory);
        if (!PluginPaths.IsInsideAny(full, roots))
        {
            problems.Add(full, $"refused: plugins load only from the configured plugin roots ({string.Join(", ", roots)})");
            return null;
        }

        var manifest = ManifestValidator.Read(full, problems);
        return manifest is null ? null : Load(full, manifest, problems);
    }

    private LoadedPlugin? Load(string folder, PluginManifest manifest, ProblemList problems)
    {
        var reasons = new List<string>();
        var plugin = PluginAssembly.Load(folder, manifest, reasons, Collectible);
        if (plugin is not null && !RegisterAll(plugin, reasons))
        {
            plugin.Dispose();
            plugin = null;
        }

        if (plugin is null)
        {
            problems.Add(folder, $"plugin '{manifest.Id}' {manifest.Version} failed to load: {string.Join("; ", reasons)}");
            return null;
        }

        var loaded = new LoadedPlugin(manifest, folder, [.. plugin.Factories.Select(f => f.Factory.Id)]);
        Loaded.Add(loaded);
        return loaded;
    }

    private bool RegisterAll(PluginAssembly plugin, List<string> reasons)
    {
        try
        {
            foreach (var (factory, manifest) in plugin.Factories)
            {
                registry.Register(new PluginOperatorFactory(factory, plugin.Identity), manifest, plugin.Identity.Id, plugin.Identity.Version);
            }

            return true;
        }
        catch (InvalidOperationException ex)
        {
            registry.RemovePlugin(plugin.Identity.Id);
            reasons.Add(ex.Message);
            return false;
        }
    }
}
