using Calc.Engine.Plugins;

namespace Calc.Sdk.Testing;

/// <summary>
/// Finds the manifest entry of a factory as Calc would have it: the <c>calc-plugin.json</c> next to the
/// factory's assembly (a test project gets it copied from the plugin project), when that manifest's
/// <c>entryAssembly</c> is that assembly. A manifest with problems fails the test with every problem.
/// </summary>
internal static class ManifestLookup
{
    public static OperatorManifest? Find(IOperatorFactory factory)
    {
        var assembly = factory.GetType().Assembly.Location;
        if (assembly.Length == 0 || Path.GetDirectoryName(assembly) is not { } folder
            || !File.Exists(Path.Combine(folder, ManifestValidator.FileName)))
        {
            return null;
        }

        var problems = new ProblemList();
        var manifest = ManifestValidator.Read(folder, problems);
        if (manifest is null)
        {
            throw new InvalidConfigurationException(problems.Items);
        }

        return string.Equals(manifest.EntryAssembly, Path.GetFileName(assembly), StringComparison.OrdinalIgnoreCase)
            ? manifest.Operators.FirstOrDefault(o => o.Id == factory.Id)
            : null;
    }
}
