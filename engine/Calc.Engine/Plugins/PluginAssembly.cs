using System.Reflection;
using System.Runtime.Loader;
using Calc.Sdk;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Logging;

namespace Calc.Engine.Plugins;

/// <summary>
/// The code of one plugin install, loaded into its own collectible load context that shares only the
/// SDK and the logging abstractions with the host (DotNetCorePlugins <c>sharedTypes</c>): the plugin's
/// other dependencies, in whatever versions it ships, stay private to it. A collectible context can be
/// unloaded (disposing unloads it once nothing references its types any more) but its code runs slower
/// on the engine's hot path (docs/benchmarks.md, "Plugins"); a non-collectible one stays until the process ends.
/// </summary>
internal sealed class PluginAssembly : IDisposable
{
    /// <summary>Types whose assemblies the host shares with every plugin: Calc.Sdk and Microsoft.Extensions.Logging.Abstractions.</summary>
    public static readonly Type[] SharedTypes = [typeof(ICalcPlugin), typeof(ILogger)];

    private PluginLoader? _loader;

    private PluginAssembly(PluginLoader loader, PluginManifest manifest, string folder, IReadOnlyList<(IOperatorFactory, OperatorManifest)> factories)
    {
        _loader = loader;
        Manifest = manifest;
        Folder = folder;
        Factories = factories;
        Identity = new PluginIdentity(manifest.Id, manifest.Version);
    }

    public PluginManifest Manifest { get; }

    public PluginIdentity Identity { get; }

    public string Folder { get; }

    /// <summary>What the plugin registered, each with its manifest entry.</summary>
    public IReadOnlyList<(IOperatorFactory Factory, OperatorManifest Manifest)> Factories { get; private set; }

    /// <summary>
    /// Loads the entry assembly of a plugin whose manifest is already valid, creates its entry type and
    /// lets it register. Every problem goes to <paramref name="problems"/> (as messages), and then nothing stays loaded.
    /// </summary>
    public static PluginAssembly? Load(string folder, PluginManifest manifest, List<string> problems, bool collectible)
    {
        var loader = PluginLoader.CreateFromAssemblyFile(Path.Combine(folder, manifest.EntryAssembly), isUnloadable: collectible, sharedTypes: SharedTypes);
        try
        {
            var registration = Register(loader, manifest, problems);
            if (registration is not null)
            {
                registration.CheckComplete();
                problems.AddRange(registration.Problems);
                CheckLocations(loader, folder, problems);
            }

            if (problems.Count == 0 && registration is not null)
            {
                return new PluginAssembly(loader, manifest, folder, registration.Added);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            problems.Add(ex.GetBaseException().Message);
        }

        loader.Dispose();
        return null;
    }

    /// <summary>Unloads the load context (the runtime frees it once no object of the plugin is referenced).</summary>
    public void Dispose()
    {
        Factories = [];
        _loader?.Dispose();
        _loader = null;
    }

    private static PluginRegistration? Register(PluginLoader loader, PluginManifest manifest, List<string> problems)
    {
        var assembly = loader.LoadDefaultAssembly();
        var type = assembly.GetType(manifest.EntryType, throwOnError: false);
        if (type is null)
        {
            problems.Add($"entry type '{manifest.EntryType}' is not in {manifest.EntryAssembly}");
            return null;
        }

        if (!typeof(ICalcPlugin).IsAssignableFrom(type) || type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
        {
            problems.Add($"entry type '{manifest.EntryType}' must be a class implementing {nameof(ICalcPlugin)} of SDK {SdkInfo.Major}.x with a public parameterless constructor");
            return null;
        }

        var registration = new PluginRegistration(manifest);
        try
        {
            ((ICalcPlugin)Activator.CreateInstance(type)!).Register(registration);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (registration.Problems.Count == 0)
            {
                var inner = ex is TargetInvocationException { InnerException: { } e } ? e : ex;
                problems.Add($"{manifest.EntryType}.Register threw {inner.GetType().Name}: {inner.Message}");
            }
        }

        return registration;
    }

    /// <summary>Every assembly the plugin's own context loaded must come from the plugin's folder.</summary>
    private static void CheckLocations(PluginLoader loader, string folder, List<string> problems)
    {
        var context = AssemblyLoadContext.GetLoadContext(loader.LoadDefaultAssembly());
        if (context is null || context == AssemblyLoadContext.Default)
        {
            problems.Add("the plugin was not loaded into its own load context");
            return;
        }

        foreach (var assembly in context.Assemblies)
        {
            if (assembly.Location.Length > 0 && !PluginPaths.IsInside(assembly.Location, folder))
            {
                problems.Add($"refused: {assembly.GetName().Name} was loaded from {assembly.Location}, outside the plugin folder");
            }
        }
    }
}
