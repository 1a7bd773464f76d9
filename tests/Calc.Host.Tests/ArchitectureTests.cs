using System.Reflection;
using System.Xml.Linq;

namespace Calc.Host.Tests;

/// <summary>Templates and plugins are built only against the SDK (CONVENTIONS: the engine depends on the SDK, never the reverse);
/// command-line code lives only in the executable.</summary>
public sealed class ArchitectureTests
{
    private static readonly string[] Allowed = ["Calc.Sdk", "Microsoft.Extensions.Logging.Abstractions", "netstandard"];

    [Fact]
    public void ShouldShipBuiltInTemplatesThatReferenceOnlyTheSdk()
    {
        var dlls = Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "plugins", "builtin"))
            .Select(d => Path.Combine(d, Path.GetFileName(d) + ".dll")).ToList();

        Assert.NotEmpty(dlls);
        foreach (var dll in dlls)
        {
            var references = AssemblyName.GetAssemblyName(dll) is { } _ ? MetadataReferences(dll) : [];
            var forbidden = references.Where(r => !r.StartsWith("System", StringComparison.Ordinal) && Array.IndexOf(Allowed, r) < 0).ToList();
            Assert.True(forbidden.Count == 0, $"{Path.GetFileName(dll)} references {string.Join(", ", forbidden)}");
        }
    }

    [Fact]
    public void ShouldKeepTemplateAndPluginProjectsFreeOfEngineReferences()
    {
        var root = RepoRoot();
        var projects = Directory.GetFiles(Path.Combine(root, "templates"), "*.csproj", SearchOption.AllDirectories)
            .Concat(Directory.Exists(Path.Combine(root, "plugins")) ? Directory.GetFiles(Path.Combine(root, "plugins"), "*.csproj", SearchOption.AllDirectories) : [])
            .Where(p => !p.Contains(".Tests", StringComparison.Ordinal));

        foreach (var project in projects)
        {
            var references = XDocument.Load(project).Descendants("ProjectReference").Select(e => (string?)e.Attribute("Include") ?? "");
            Assert.DoesNotContain(references, r => r.Contains("engine", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void ShouldKeepCommandLineCodeInTheExecutable()
    {
        // The engine libraries are what tests and other hosts reach; parsing arguments, usage texts and
        // printing to the console belong to engine/Calc.Host.
        var engine = Path.Combine(RepoRoot(), "engine");
        var offenders = Directory.GetFiles(engine, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(Path.Combine(engine, "Calc.Host") + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f) is var text
                && (text.Contains("usage: calc ", StringComparison.OrdinalIgnoreCase) || text.Contains("Console.Out", StringComparison.Ordinal)
                    || text.Contains("Console.Write", StringComparison.Ordinal) || text.Contains("Console.Error", StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(engine, f))
            .ToList();

        Assert.True(offenders.Count == 0, "command-line code outside engine/Calc.Host: " + string.Join(", ", offenders));
    }

    private static List<string> MetadataReferences(string dll)
    {
        using var stream = File.OpenRead(dll);
        using var reader = new System.Reflection.PortableExecutable.PEReader(stream);
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(reader);
        return [.. metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name))];
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Calc.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Calc.sln not found above the test folder");
    }
}
