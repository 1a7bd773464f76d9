using Calc.Sdk;
using Microsoft.CodeAnalysis;

namespace Calc.Engine.Scripting.Internal;

/// <summary>
/// The only assemblies a script is compiled against: the core library, the facades that forward to it,
/// collections, LINQ and the SDK (for the generated code's point values). Networking, processes,
/// the console, regular expressions and the rest of the platform are not referenced at all, so a
/// script naming them does not compile even if a check were missed. Loaded once per process.
/// </summary>
internal static class ScriptReferences
{
    private static readonly string[] RuntimeAssemblies = ["System.Runtime.dll", "System.Collections.dll", "System.Linq.dll"];

    private static readonly Lazy<IReadOnlyList<MetadataReference>> Shared = new(Load);

    public static IReadOnlyList<MetadataReference> All => Shared.Value;

    private static IReadOnlyList<MetadataReference> Load()
    {
        var coreLib = typeof(object).Assembly.Location;
        var sdk = typeof(PointValue).Assembly.Location;
        if (coreLib.Length == 0 || sdk.Length == 0)
        {
            throw new InvalidOperationException("C# scripts need the runtime's assembly files on disk (single-file publishing is not supported)");
        }

        var directory = Path.GetDirectoryName(coreLib)!;
        var references = new List<MetadataReference> { MetadataReference.CreateFromFile(coreLib) };
        foreach (var name in RuntimeAssemblies)
        {
            references.Add(MetadataReference.CreateFromFile(Path.Combine(directory, name)));
        }

        references.Add(MetadataReference.CreateFromFile(sdk));
        return references;
    }
}
