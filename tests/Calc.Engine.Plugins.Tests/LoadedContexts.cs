using System.Runtime.Loader;

namespace Calc.Engine.Plugins.Tests;

/// <summary>What the runtime has loaded, looked at from outside the loader.</summary>
internal static class LoadedContexts
{
    /// <summary>The load contexts holding an assembly of that name loaded from below <paramref name="folder"/> (tests run in parallel, each with its own root).</summary>
    public static List<AssemblyLoadContext> Holding(string assemblyName, string folder) =>
        [.. AssemblyLoadContext.All.Where(c => c.Assemblies.Any(a => a.GetName().Name == assemblyName && a.Location.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal)))];

    /// <summary>True when any context holds an assembly of that name.</summary>
    public static bool IsLoaded(string assemblyName) =>
        AssemblyLoadContext.All.Any(c => c.Assemblies.Any(a => a.GetName().Name == assemblyName));
}
