namespace Calc.Engine.Hosting.Settings;

/// <summary>
/// The settings there are, by canonical key. A key matches whatever the case and wherever
/// underscores or dashes are (<c>CALC_DATA_DIR</c> is <c>dataDir</c>); under the <c>kafka</c>
/// client sections the rest of the key is a librdkafka property, where an underscore of an
/// environment variable stands for a dot (<c>SASL_PASSWORD</c> is <c>sasl.password</c>).
/// </summary>
internal static class SettingKeys
{
    public static readonly string[] KafkaSections = ["client", "consumer", "producer", "admin"];

    /// <summary>The plain (non-Kafka-property) keys.</summary>
    public static readonly string[] Plain =
    [
        "dataDir", "logLevel", "pluginRoots", "token",
        "kafka.bootstrapServers",
        "state.url",
        "tsdb.url", "tsdb.token", "tsdb.bearerToken", "tsdb.username", "tsdb.password",
        "serve.listen", "serve.tlsCert", "serve.tlsKey", "serve.groupPrefix", "serve.url",
    ];

    /// <summary>Older flat environment names, still read.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["kafkabootstrapservers"] = "kafka.bootstrapServers",
        ["serveurl"] = "serve.url",
    };

    /// <summary>Environment variables with the prefix that are not settings (read elsewhere).</summary>
    public static readonly string[] NotSettings = ["config", "serveargs"];

    private static readonly string[] PlainSecrets = ["token", "tsdb.token", "tsdb.bearerToken", "tsdb.password"];

    /// <summary>The canonical key of a configuration path (segments split at <c>:</c>), or null when it is no setting.</summary>
    public static string? Canonical(string path)
    {
        var segments = path.Split(':');
        if (segments.Length >= 3 && Normal(segments[0]) == "kafka" && Array.IndexOf(KafkaSections, Normal(segments[1])) >= 0)
        {
            var property = string.Join('.', segments[2..]).ToLowerInvariant().Replace('_', '.');
            return $"kafka.{Normal(segments[1])}.{property}";
        }

        if (segments.Length == 2 && Normal(segments[0]) == "pluginroots" && int.TryParse(segments[1], out _))
        {
            return "pluginRoots";
        }

        var joined = string.Join('.', segments.Select(Normal));
        if (Aliases.TryGetValue(joined, out var alias))
        {
            return alias;
        }

        return Plain.FirstOrDefault(k => string.Join('.', k.Split('.').Select(Normal)) == joined);
    }

    public static bool IsIgnoredEnvironment(string path) => Array.IndexOf(NotSettings, Normal(path)) >= 0;

    /// <summary>Secrets: never written in calc.json, never printed.</summary>
    public static bool IsSecret(string key)
    {
        if (Array.IndexOf(PlainSecrets, key) >= 0)
        {
            return true;
        }

        if (!key.StartsWith("kafka.", StringComparison.Ordinal))
        {
            return false;
        }

        var property = key[(key.IndexOf('.', 6) + 1)..];
        return property.Contains("password", StringComparison.Ordinal) || property.Contains("secret", StringComparison.Ordinal)
            || property is "ssl.key.pem" or "ssl_key" or "sasl.oauthbearer.config" or "ssl.keystore.location.password";
    }

    private static string Normal(string segment) => segment.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
}
