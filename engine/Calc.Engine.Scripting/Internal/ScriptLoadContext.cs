using System.Reflection;
using System.Runtime.Loader;
using Calc.Sdk;

namespace Calc.Engine.Scripting.Internal;

/// <summary>
/// A collectible load context for one compiled script. The script's only non-platform dependency, the
/// SDK, resolves to the engine's own copy so that its point values are the engine's type.
/// </summary>
internal sealed class ScriptLoadContext(string name) : AssemblyLoadContext(name, isCollectible: true)
{
    private static readonly Assembly Sdk = typeof(PointValue).Assembly;

    protected override Assembly? Load(AssemblyName assemblyName) =>
        AssemblyName.ReferenceMatchesDefinition(assemblyName, Sdk.GetName()) ? Sdk : null;
}
