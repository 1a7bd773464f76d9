using Calc.Sdk;

namespace Calc.Engine.Plugins;

/// <summary>Checks a plugin before it is installed (<c>calc plugin validate</c>).</summary>
public static class PluginValidator
{
    /// <summary>
    /// Checks the manifest (every problem), SDK compatibility, then — only if those pass — loads the plugin
    /// into its own collectible load context, lets it register, checks that it registers exactly the
    /// operators its manifest declares with their kinds, and unloads it.
    /// </summary>
    /// <param name="path">The plugin folder, its <c>calc-plugin.json</c> or its DLL.</param>
    public static PluginValidation Validate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
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

        return new PluginValidation(folder, problems.Count == 0 ? manifest : null, problems, problems.Count == 0 ? registered : []);
    }

    private static string Describe(OperatorManifest op) =>
        op.Kind == "template"
            ? $"settings {Names(op.Settings)}; policy {Names(op.Policy)}"
            : $"params {Names(op.Params)}";

    private static string Names(IReadOnlyList<ParameterManifest> parameters) =>
        parameters.Count == 0 ? "(none)" : string.Join(", ", parameters.Select(p => p.Required ? p.Name + "*" : p.Name));
}
