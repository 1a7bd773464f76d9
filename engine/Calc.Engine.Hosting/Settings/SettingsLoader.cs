using System.Collections;
using Calc.Sdk;
using Microsoft.Extensions.Configuration;

namespace Calc.Engine.Hosting.Settings;

/// <summary>
/// Reads the settings: the configuration file (<c>--config PATH</c>, else <c>CALC_CONFIG</c>, else
/// <c>calc.json</c> in the data directory when it is there), then the <c>CALC_</c> environment
/// variables over it (<c>__</c> nests: <c>CALC_KAFKA__CLIENT__SECURITY_PROTOCOL</c>), and checks
/// them, listing every problem with its key.
/// </summary>
public static class SettingsLoader
{
    public const string Prefix = "CALC_";
    public const string FileName = "calc.json";

    /// <summary>The settings of this process (its environment and current directory).</summary>
    public static CalcSettings Load(string? configPath, ProblemList problems, List<string>? notes = null) =>
        Load(configPath, Environment(), System.Environment.CurrentDirectory, problems, notes);

    /// <summary>
    /// The settings from <paramref name="environment"/> (all variables; those with the prefix are read)
    /// and the file. <paramref name="notes"/> gets what is ignored (environment variables that are no setting).
    /// </summary>
    public static CalcSettings Load(string? configPath, IReadOnlyDictionary<string, string> environment, string currentDirectory, ProblemList problems, List<string>? notes = null)
    {
        var env = new List<(string Path, string Value, string Variable)>();
        foreach (var (name, value) in environment)
        {
            if (name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && name.Length > Prefix.Length)
            {
                env.Add((name[Prefix.Length..].Replace("__", ":", StringComparison.Ordinal), value, name));
            }
        }

        var file = FindFile(configPath, environment, currentDirectory, problems);
        var values = new SortedDictionary<string, SettingValue>(StringComparer.Ordinal);
        var roots = new List<string>();
        if (file is not null)
        {
            foreach (var (path, value) in ReadFile(file, problems).OrderBy(kv => ArrayIndex(kv.Key)))
            {
                Take(path, value, $"{FileName} ({file})", fromFile: true, values, roots, problems, notes);
            }
        }

        var envRoots = new List<string>();
        foreach (var (path, value, variable) in env.OrderBy(e => e.Variable, StringComparer.Ordinal))
        {
            if (SettingKeys.IsIgnoredEnvironment(path))
            {
                continue;
            }

            Take(path, value, "env " + variable, fromFile: false, values, envRoots, problems, notes);
        }

        if (envRoots.Count > 0)
        {
            roots = envRoots;
        }

        return SettingsReader.Build(values, roots, file, currentDirectory, problems);
    }

    private static void Take(string path, string value, string source, bool fromFile, SortedDictionary<string, SettingValue> values, List<string> roots, ProblemList problems, List<string>? notes)
    {
        var key = SettingKeys.Canonical(path);
        var shownPath = path.Replace(':', '.');
        if (key is null)
        {
            if (fromFile)
            {
                problems.Add(shownPath, $"not a setting (in {source}); the settings are {string.Join(", ", SettingKeys.Plain)} and kafka.client|consumer|producer|admin.<librdkafka property>");
            }
            else
            {
                notes?.Add($"{source.Replace("env ", "", StringComparison.Ordinal)} is not a setting: ignored");
            }

            return;
        }

        if (key == "pluginRoots")
        {
            roots.AddRange(value.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            values[key] = new SettingValue(key, string.Join(Path.PathSeparator, roots), source);
            return;
        }

        var secret = SettingKeys.IsSecret(key);
        if (secret && value.StartsWith("file:", StringComparison.Ordinal))
        {
            var secretFile = value[5..];
            try
            {
                values[key] = new SettingValue(key, File.ReadAllText(secretFile).TrimEnd('\r', '\n'), source, Secret: true, SecretFile: secretFile);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                problems.Add(key, $"cannot read the secret file '{secretFile}' ({source}): {ex.Message}");
            }

            return;
        }

        if (secret && fromFile)
        {
            problems.Add(key, $"a secret cannot be written in {FileName}: write \"file:/path/to/secret\" (a file only its user can read) or set {Variable(key)}");
            return;
        }

        values[key] = new SettingValue(key, value, source, secret);
    }

    /// <summary>Array entries (<c>pluginRoots:0</c>, <c>pluginRoots:1</c>) in their order; the rest first.</summary>
    private static int ArrayIndex(string path) =>
        int.TryParse(path.AsSpan(path.LastIndexOf(':') + 1), out var index) ? index : -1;

    /// <summary>The environment variable of a key, as the docs and messages name it.</summary>
    public static string Variable(string key)
    {
        var parts = key.Split('.', 3);
        if (parts.Length == 3 && parts[0] == "kafka" && Array.IndexOf(SettingKeys.KafkaSections, parts[1]) >= 0)
        {
            return $"{Prefix}KAFKA__{parts[1].ToUpperInvariant()}__{parts[2].Replace('.', '_').ToUpperInvariant()}";
        }

        return Prefix + string.Join("__", key.Split('.').Select(Snake));
    }

    private static string Snake(string camel) => string.Concat(camel.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));

    private static string? FindFile(string? configPath, IReadOnlyDictionary<string, string> environment, string currentDirectory, ProblemList problems)
    {
        var explicitPath = configPath ?? (environment.TryGetValue(Prefix + "CONFIG", out var fromEnv) && fromEnv.Length > 0 ? fromEnv : null);
        if (explicitPath is not null)
        {
            var full = Path.GetFullPath(explicitPath, currentDirectory);
            if (File.Exists(full))
            {
                return full;
            }

            problems.Add("config", $"the configuration file '{full}' does not exist ({(configPath is not null ? "--config" : Prefix + "CONFIG")})");
            return null;
        }

        var dataDir = environment.TryGetValue(Prefix + "DATA_DIR", out var dir) && dir.Length > 0 ? dir : Path.Combine(currentDirectory, ".calc");
        var inData = Path.GetFullPath(Path.Combine(dataDir, FileName), currentDirectory);
        return File.Exists(inData) ? inData : null;
    }

    private static IEnumerable<KeyValuePair<string, string>> ReadFile(string file, ProblemList problems)
    {
        try
        {
            var root = new ConfigurationBuilder().AddJsonFile(file, optional: false, reloadOnChange: false).Build();
            return root.AsEnumerable().Where(kv => kv.Value is not null).Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value!)).ToList();
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or IOException or System.Text.Json.JsonException)
        {
            problems.Add("config", $"{file}: {ex.InnerException?.Message ?? ex.Message}");
            return [];
        }
    }

    private static Dictionary<string, string> Environment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            result[(string)entry.Key] = (string?)entry.Value ?? "";
        }

        return result;
    }
}
