using Calc.Sdk;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Logging;

namespace Calc.Engine.Plugins;

/// <summary>
/// Loads plugins from their folders (one folder, one manifest, one load context each, sharing only
/// the SDK and logging abstractions) and registers their operators. A plugin that fails to load is
/// reported with its folder and reason; the others still load.
/// </summary>
public sealed class PluginDirectoryLoader(OperatorRegistry registry, IReadOnlyList<string> roots)
{
    private static readonly Type[] SharedTypes = [typeof(ICalcPlugin), typeof(ILogger)];

    public List<LoadedPlugin> Loaded { get; } = [];

    /// <summary>Loads every plugin folder below the roots (folders holding a manifest, one or two levels deep).</summary>
    public void LoadAll(ProblemList problems)
    {
        foreach (var root in roots.Where(Directory.Exists))
        {
            foreach (var directory in PluginFolders(root))
            {
                Load(directory, problems);
            }
        }
    }

    /// <summary>Loads one plugin folder, which must be inside one of the configured roots.</summary>
    public LoadedPlugin? Load(string directory, ProblemList problems)
    {
        var full = Path.GetFullPath(directory);
        if (!roots.Any(r => full.StartsWith(Path.GetFullPath(r) + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
        {
            problems.Add(full, $"refused: plugins load only from the configured plugin roots ({string.Join(", ", roots)})");
            return null;
        }

        var local = new ProblemList();
        var manifest = ManifestValidator.Read(full, local);
        if (manifest is null)
        {
            Copy(local, problems);
            return null;
        }

        try
        {
            var loader = PluginLoader.CreateFromAssemblyFile(Path.Combine(full, manifest.EntryAssembly), isUnloadable: true, sharedTypes: SharedTypes);
            var assembly = loader.LoadDefaultAssembly();
            var type = assembly.GetType(manifest.EntryType, throwOnError: false)
                ?? throw new InvalidOperationException($"entry type '{manifest.EntryType}' is not in {manifest.EntryAssembly}");
            if (Activator.CreateInstance(type) is not ICalcPlugin plugin)
            {
                throw new InvalidOperationException($"entry type '{manifest.EntryType}' does not implement {nameof(ICalcPlugin)} of SDK {SdkInfo.Major}.x");
            }

            var registration = new PluginRegistration(registry, manifest);
            plugin.Register(registration);
            var loaded = new LoadedPlugin(manifest, full, registration.Added);
            Loaded.Add(loaded);
            return loaded;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            registry.RemovePlugin(manifest.Id);
            problems.Add(full, $"plugin '{manifest.Id}' {manifest.Version} failed to load: {ex.GetBaseException().Message}");
            return null;
        }
    }

    private static IEnumerable<string> PluginFolders(string root)
    {
        foreach (var dir in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            if (File.Exists(Path.Combine(dir, ManifestValidator.FileName)))
            {
                yield return dir;
                continue;
            }

            foreach (var sub in Directory.EnumerateDirectories(dir).Order(StringComparer.Ordinal))
            {
                if (File.Exists(Path.Combine(sub, ManifestValidator.FileName)))
                {
                    yield return sub;
                }
            }
        }
    }

    private static void Copy(ProblemList from, ProblemList to)
    {
        foreach (var p in from.Items)
        {
            to.Add(p.Path, p.Message);
        }
    }
}
