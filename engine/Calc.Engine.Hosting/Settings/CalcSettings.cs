using Microsoft.Extensions.Logging;

namespace Calc.Engine.Hosting.Settings;

/// <summary>
/// The effective service settings of one <c>calc</c> invocation: <c>calc.json</c>, overridden by
/// <c>CALC_</c> environment variables (command-line flags override both where a command has them).
/// Every value keeps where it came from, for <c>calc config show</c>.
/// </summary>
public sealed record CalcSettings
{
    /// <summary>The data directory: metadata store, checkpoints, embedded stores, installed packs.</summary>
    public required string DataDir { get; init; }

    /// <summary>The configuration file that was read; null when there was none.</summary>
    public string? File { get; init; }

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>Extra plugin roots, after the built-in pack and the installed packs.</summary>
    public IReadOnlyList<string> PluginRoots { get; init; } = [];

    public KafkaSettings Kafka { get; init; } = new();

    /// <summary>The device-state store used when state is on (<c>redis://</c>, <c>rediss://</c>); null = embedded.</summary>
    public string? StateUrl { get; init; }

    public TsdbSettings Tsdb { get; init; } = new();

    public ServeSettings Serve { get; init; } = new();

    /// <summary>The API token <c>calc jobs</c> sends to a running service.</summary>
    public string? Token { get; init; }

    /// <summary>Every value that was set, in key order, with its source (secrets masked by <see cref="SettingValue.Shown"/>).</summary>
    public IReadOnlyList<SettingValue> Values { get; init; } = [];
}

/// <summary>Kafka: the bootstrap servers and librdkafka properties passed through unchanged.</summary>
public sealed record KafkaSettings
{
    /// <summary>HOST:PORT,…; null = none configured (<c>calc serve</c> then starts the embedded broker).</summary>
    public string? BootstrapServers { get; init; }

    /// <summary>librdkafka properties for every client (consumers, producers, admin): <c>security.protocol</c>, <c>sasl.*</c>, <c>ssl.*</c>, …</summary>
    public IReadOnlyDictionary<string, string> Client { get; init; } = Empty;

    /// <summary>Consumer-only properties, over <see cref="Client"/>.</summary>
    public IReadOnlyDictionary<string, string> Consumer { get; init; } = Empty;

    /// <summary>Producer-only properties, over <see cref="Client"/>.</summary>
    public IReadOnlyDictionary<string, string> Producer { get; init; } = Empty;

    /// <summary>Admin-client properties, over <see cref="Client"/>.</summary>
    public IReadOnlyDictionary<string, string> Admin { get; init; } = Empty;

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}

/// <summary>The time-series database the TSDB outputs write to.</summary>
public sealed record TsdbSettings
{
    /// <summary><c>embedded</c>/null (the embedded store in the data directory), <c>sqlite:PATH</c>, or <c>http(s)://…</c> (line protocol).</summary>
    public string? Url { get; init; }

    /// <summary>Sent as <c>Authorization: Token …</c> (InfluxDB) — a secret.</summary>
    public string? Token { get; init; }

    /// <summary>Sent as <c>Authorization: Bearer …</c> (VictoriaMetrics behind a proxy, Grafana Cloud) — a secret.</summary>
    public string? BearerToken { get; init; }

    public string? Username { get; init; }

    /// <summary>Basic authentication with <see cref="Username"/> — a secret.</summary>
    public string? Password { get; init; }
}

/// <summary><c>calc serve</c>'s listener, and the address <c>calc jobs</c> talks to.</summary>
public sealed record ServeSettings
{
    public string? Listen { get; init; }

    public string? TlsCert { get; init; }

    public string? TlsKey { get; init; }

    /// <summary>Prefix of every job's consumer group.</summary>
    public string? GroupPrefix { get; init; }

    /// <summary>The URL <c>calc jobs</c> sends its requests to.</summary>
    public string? Url { get; init; }
}

/// <summary>One setting as it was resolved.</summary>
/// <param name="Key">The canonical key, <c>kafka.client.security.protocol</c>.</param>
/// <param name="Value">The value (for a secret: the secret itself, read from its file when it was given as <c>file:PATH</c>).</param>
/// <param name="Source"><c>calc.json (/etc/calc/calc.json)</c>, <c>env CALC_…</c>.</param>
/// <param name="Secret">Never printed.</param>
/// <param name="SecretFile">The file a secret was read from.</param>
public sealed record SettingValue(string Key, string Value, string Source, bool Secret = false, string? SecretFile = null)
{
    /// <summary>The value as <c>calc config show</c> prints it.</summary>
    public string Shown => !Secret ? Value : SecretFile is null ? "****** (set)" : $"****** (from file {SecretFile})";
}
