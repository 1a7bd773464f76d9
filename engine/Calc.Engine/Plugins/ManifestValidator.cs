using System.Text.Json;
using Calc.Sdk;

namespace Calc.Engine.Plugins;

/// <summary>Reads and checks a plugin manifest before any of the plugin's code is loaded.</summary>
public static class ManifestValidator
{
    public const string FileName = "calc-plugin.json";

    private static readonly JsonSerializerOptions Strict = new()
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly string[] ParameterTypes =
    [
        "string", "number", "boolean", "duration", "interval", "point", "points", "enum", "expression",
        "script", "timeZone", "numberOrAttribute", "intervalOrAttribute", "object", "array",
    ];

    public static PluginManifest? Read(string directory, ProblemList problems)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            problems.Add(path, $"no {FileName} in the plugin folder");
            return null;
        }

        PluginManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<PluginManifest>(File.ReadAllText(path), Strict);
        }
        catch (JsonException ex)
        {
            problems.Add(path, "the manifest is not valid: " + ex.Message);
            return null;
        }

        if (manifest is null)
        {
            problems.Add(path, "the manifest is empty");
            return null;
        }

        Check(manifest, directory, path, problems);
        return problems.IsEmpty ? manifest : null;
    }

    private static void Check(PluginManifest manifest, string directory, string path, ProblemList problems)
    {
        if (!Version.TryParse(manifest.Version, out _))
        {
            problems.Add(path + ": version", $"'{manifest.Version}' is not a version like 1.2.0");
        }

        if (!Version.TryParse(manifest.SdkVersion, out var sdk) || sdk.Major != SdkInfo.Major)
        {
            problems.Add(path + ": sdkVersion", $"the plugin was built against SDK {manifest.SdkVersion}; this Calc runs SDK {SdkInfo.Version} (major versions must match)");
        }

        var entry = Path.GetFullPath(Path.Combine(directory, manifest.EntryAssembly));
        if (!entry.StartsWith(Path.GetFullPath(directory), StringComparison.Ordinal) || !File.Exists(entry))
        {
            problems.Add(path + ": entryAssembly", $"'{manifest.EntryAssembly}' is not a file inside the plugin folder");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < manifest.Operators.Count; i++)
        {
            var op = manifest.Operators[i];
            var at = $"{path}: operators[{i}]";
            if (!ids.Add(op.Id))
            {
                problems.Add(at + ".id", $"'{op.Id}' is listed twice");
            }

            if (op.Kind is not ("template" or "operator"))
            {
                problems.Add(at + ".kind", $"'{op.Kind}' must be template or operator");
            }

            foreach (var p in op.Settings.Concat(op.Policy).Concat(op.Params))
            {
                if (Array.IndexOf(ParameterTypes, p.Type) < 0)
                {
                    problems.Add(at + "." + p.Name, $"type '{p.Type}' is not one of {string.Join(", ", ParameterTypes)}");
                }
            }
        }
    }
}
