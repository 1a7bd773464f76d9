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
        RespectNullableAnnotations = true,
    };

    /// <summary>Pipeline ops the engine itself provides; a plugin cannot take them.</summary>
    private static readonly string[] BuiltInSteps = ["select", "threshold", "expression", "script", "template"];

    private static readonly string[] ParameterTypes =
    [
        "string", "number", "boolean", "duration", "interval", "point", "points", "enum", "expression",
        "script", "timeZone", "numberOrAttribute", "intervalOrAttribute", "stringOrAttribute", "object", "array",
    ];

    /// <summary>Reads <c>calc-plugin.json</c> of a folder; null, with every problem listed, when it is not valid.</summary>
    public static PluginManifest? Read(string directory, ProblemList problems)
    {
        var before = problems.Items.Count;
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
        return problems.Items.Count == before ? manifest : null;
    }

    /// <summary>The manifest as written, without checks (to show what a refused plugin claims to be), or null.</summary>
    internal static PluginManifest? ReadLenient(string directory)
    {
        try
        {
            return JsonSerializer.Deserialize<PluginManifest>(File.ReadAllText(Path.Combine(directory, FileName)));
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void Check(PluginManifest manifest, string directory, string path, ProblemList problems)
    {
        if (!IsId(manifest.Id))
        {
            problems.Add(path + ": id", $"'{manifest.Id}' is not a plugin id: lower-case letters and digits in parts joined by '.' or '-', like acme.wind");
        }

        if (!Version.TryParse(manifest.Version, out _))
        {
            problems.Add(path + ": version", $"'{manifest.Version}' is not a version like 1.2.0");
        }

        CheckSdk(manifest.SdkVersion, path, problems);
        var entry = Path.Combine(directory, manifest.EntryAssembly);
        if (string.IsNullOrWhiteSpace(manifest.EntryAssembly) || !PluginPaths.IsInside(entry, directory) || !File.Exists(entry))
        {
            problems.Add(path + ": entryAssembly", $"'{manifest.EntryAssembly}' is not a file inside the plugin folder");
        }

        if (string.IsNullOrWhiteSpace(manifest.EntryType))
        {
            problems.Add(path + ": entryType", "required: the full name of the plugin's ICalcPlugin class");
        }

        if (manifest.Operators.Count == 0)
        {
            problems.Add(path + ": operators", "the plugin declares no operator or template");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < manifest.Operators.Count; i++)
        {
            CheckOperator(manifest.Operators[i], $"{path}: operators[{i}]", ids, problems);
        }
    }

    private static void CheckSdk(string sdkVersion, string path, ProblemList problems)
    {
        if (!Version.TryParse(sdkVersion, out var sdk) || sdk.Major != SdkInfo.Major)
        {
            problems.Add(path + ": sdkVersion", $"the plugin was built against SDK {sdkVersion}; this Calc runs SDK {SdkInfo.Version} (major versions must match)");
        }
        else if (sdk > Version.Parse(SdkInfo.Version))
        {
            problems.Add(path + ": sdkVersion", $"the plugin was built against SDK {sdkVersion}, newer than this Calc's SDK {SdkInfo.Version}: it may use what this Calc lacks; update Calc");
        }
    }

    private static void CheckOperator(OperatorManifest op, string at, HashSet<string> ids, ProblemList problems)
    {
        if (!IsId(op.Id) || Array.IndexOf(BuiltInSteps, op.Id) >= 0)
        {
            problems.Add(at + ".id", $"'{op.Id}' cannot be an operator id: use lower-case letters and digits joined by '.' or '-', and none of {string.Join(", ", BuiltInSteps)}");
        }
        else if (!ids.Add(op.Id))
        {
            problems.Add(at + ".id", $"'{op.Id}' is listed twice");
        }

        if (op.Kind is not ("template" or "operator"))
        {
            problems.Add(at + ".kind", $"'{op.Kind}' must be template or operator");
        }
        else if (op.Kind == "operator" && (op.Settings.Count > 0 || op.Policy.Count > 0))
        {
            problems.Add(at, "an operator takes params; settings and policy are for templates");
        }
        else if (op.Kind == "template" && op.Params.Count > 0)
        {
            problems.Add(at, "a template takes settings and policy; params are for operators");
        }

        foreach (var p in op.Settings.Concat(op.Policy).Concat(op.Params))
        {
            if (Array.IndexOf(ParameterTypes, p.Type) < 0)
            {
                problems.Add(at + "." + p.Name, $"type '{p.Type}' is not one of {string.Join(", ", ParameterTypes)}");
            }
            else if (p.Type == "enum" && (p.Values is null || p.Values.Count == 0))
            {
                problems.Add(at + "." + p.Name, "an enum needs its values");
            }
        }
    }

    /// <summary>Lower-case letters and digits in parts joined by '.' or '-'.</summary>
    private static bool IsId(string? id)
    {
        if (string.IsNullOrEmpty(id) || !char.IsAsciiLetterOrDigit(id[0]) || !char.IsAsciiLetterOrDigit(id[^1]))
        {
            return false;
        }

        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            var separator = c is '.' or '-';
            if (!(char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c) || separator) || (separator && id[i - 1] is '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
