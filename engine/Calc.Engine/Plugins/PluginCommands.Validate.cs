using Calc.Sdk;

namespace Calc.Engine.Plugins;

public static partial class PluginCommands
{
    /// <summary>
    /// Checks a plugin before it is installed: the manifest (every problem), SDK compatibility, then —
    /// only if those pass — loads it into its own collectible load context, lets it register, checks that
    /// it registers exactly the operators its manifest declares with their kinds, and unloads it.
    /// <paramref name="path"/> is the plugin folder, its <c>calc-plugin.json</c> or its DLL.
    /// </summary>
    public static int Validate(string path, TextWriter output)
    {
        var folder = Path.GetFullPath(Directory.Exists(path) || !File.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!);
        var problems = new List<string>();
        PluginManifest? manifest = null;
        if (!Directory.Exists(folder))
        {
            problems.Add($"{folder}: no such plugin folder or file");
        }
        else
        {
            var manifestProblems = new ProblemList();
            manifest = ManifestValidator.Read(folder, manifestProblems);
            problems.AddRange(manifestProblems.Items.Select(p => p.ToString()));
        }

        IReadOnlyList<string> registered = [];
        if (manifest is not null)
        {
            var reasons = new List<string>();
            using var code = PluginAssembly.Load(folder, manifest, reasons, collectible: true);
            registered = code is null ? [] : [.. code.Factories.Select(f => $"{f.Manifest.Kind} {f.Factory.Id}: {Describe(f.Manifest)}")];
            problems.AddRange(reasons.Select(r => $"{Path.Combine(folder, manifest.EntryAssembly)}: {r}"));
        }

        if (problems.Count > 0)
        {
            output.WriteLine($"{folder}: {problems.Count} problem{(problems.Count == 1 ? "" : "s")}:");
            foreach (var problem in problems)
            {
                output.WriteLine("  " + problem);
            }

            return Invalid;
        }

        output.WriteLine($"{folder}: ok — plugin {manifest!.Id} {manifest.Version} (SDK {manifest.SdkVersion}, this Calc runs SDK {SdkInfo.Version}), entry {manifest.EntryType} in {manifest.EntryAssembly}");
        foreach (var line in registered)
        {
            output.WriteLine("  " + line);
        }

        return Ok;
    }

    private static string Describe(OperatorManifest op)
    {
        var fields = op.Kind == "template"
            ? $"settings {Names(op.Settings)}; policy {Names(op.Policy)}"
            : $"params {Names(op.Params)}";
        return fields;
    }

    private static string Names(IReadOnlyList<ParameterManifest> parameters) =>
        parameters.Count == 0 ? "(none)" : string.Join(", ", parameters.Select(p => p.Required ? p.Name + "*" : p.Name));
}
