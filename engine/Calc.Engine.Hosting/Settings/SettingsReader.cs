using System.Globalization;
using Calc.Engine.Kafka;
using Calc.Sdk;
using Microsoft.Extensions.Logging;

namespace Calc.Engine.Hosting.Settings;

/// <summary>Checks the resolved values and builds <see cref="CalcSettings"/> from them.</summary>
internal static class SettingsReader
{
    /// <summary>librdkafka properties Calc sets itself, with what to do instead.</summary>
    private static readonly Dictionary<string, string> Reserved = new(StringComparer.Ordinal)
    {
        ["bootstrap.servers"] = "set kafka.bootstrapServers",
        ["metadata.broker.list"] = "set kafka.bootstrapServers",
        ["group.id"] = "the consumer group is set per job (source.kafka.group, default the job id)",
        ["enable.auto.commit"] = "Calc commits offsets itself, after the outputs are acknowledged",
        ["enable.auto.offset.store"] = "Calc commits offsets itself, after the outputs are acknowledged",
    };

    public static CalcSettings Build(SortedDictionary<string, SettingValue> values, List<string> roots, string? file, string currentDirectory, ProblemList problems)
    {
        string? Get(string key) => values.TryGetValue(key, out var v) && v.Value.Length > 0 ? v.Value : null;

        var level = LogLevel.Information;
        if (Get("logLevel") is { } levelText && !TryLevel(levelText, out level))
        {
            problems.Add("logLevel", $"'{levelText}' is not a level: trace, debug, information (info), warning (warn), error, critical or none (off)");
        }

        var servers = Get("kafka.bootstrapServers");
        if (string.Equals(servers, "embedded", StringComparison.OrdinalIgnoreCase))
        {
            servers = null;
        }
        else if (servers is not null)
        {
            CheckServers(servers, problems);
        }

        var sections = SettingKeys.KafkaSections.ToDictionary(s => s, s => Section(values, s, problems));
        CheckLibrdkafka(sections, problems);

        var state = Get("state.url");
        if (state is not null && !state.Equals("embedded", StringComparison.OrdinalIgnoreCase)
            && !state.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) && !state.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("state.url", $"'{state}': expected redis://HOST:PORT, rediss://HOST:PORT (TLS) or embedded");
        }

        var tsdb = Get("tsdb.url");
        if (tsdb is not null && Uri.TryCreate(tsdb, UriKind.Absolute, out var uri) && uri.Scheme is not ("http" or "https" or "sqlite" or "file"))
        {
            problems.Add("tsdb.url", $"'{tsdb}': expected embedded, sqlite:PATH, a file path, or http(s)://HOST:PORT of VictoriaMetrics or InfluxDB");
        }

        var listen = Get("serve.listen");
        if (listen is not null && !ValidHostPort(listen))
        {
            problems.Add("serve.listen", $"'{listen}' is not HOST:PORT (e.g. 127.0.0.1:8080; port 0 picks a free one)");
        }

        var cert = Path(Get("serve.tlsCert"), currentDirectory);
        var key = Path(Get("serve.tlsKey"), currentDirectory);
        if ((cert is null) != (key is null))
        {
            problems.Add(cert is null ? "serve.tlsCert" : "serve.tlsKey", "serve.tlsCert and serve.tlsKey go together: the certificate (PEM) and its private key (PEM)");
        }

        var url = Get("serve.url");
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var serveUri) && serveUri.Scheme is "http" or "https"))
        {
            problems.Add("serve.url", $"'{url}' is not an http(s):// URL of a running calc serve");
        }

        var dataDir = Path(Get("dataDir"), currentDirectory) ?? System.IO.Path.Combine(currentDirectory, ".calc");
        return new CalcSettings
        {
            DataDir = dataDir,
            File = file,
            LogLevel = level,
            PluginRoots = roots.Select(r => System.IO.Path.GetFullPath(r, currentDirectory)).ToList(),
            Kafka = new KafkaSettings { BootstrapServers = servers, Client = sections["client"], Consumer = sections["consumer"], Producer = sections["producer"], Admin = sections["admin"] },
            StateUrl = state is null || state.Equals("embedded", StringComparison.OrdinalIgnoreCase) ? null : state,
            Tsdb = new TsdbSettings { Url = tsdb, Token = Get("tsdb.token"), BearerToken = Get("tsdb.bearerToken"), Username = Get("tsdb.username"), Password = Get("tsdb.password") },
            Serve = new ServeSettings { Listen = listen, TlsCert = cert, TlsKey = key, GroupPrefix = Get("serve.groupPrefix"), Url = url },
            Token = Get("token"),
            Values = [.. values.Values],
        };
    }

    private static Dictionary<string, string> Section(SortedDictionary<string, SettingValue> values, string section, ProblemList problems)
    {
        var prefix = $"kafka.{section}.";
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var property = key[prefix.Length..];
            if (Reserved.TryGetValue(property, out var instead))
            {
                problems.Add(key, $"Calc sets {property} itself: {instead}");
                continue;
            }

            result[property] = value.Value;
        }

        return result;
    }

    /// <summary>librdkafka's verdict on each client's properties (the shared ones with each section over them).</summary>
    private static void CheckLibrdkafka(Dictionary<string, Dictionary<string, string>> sections, ProblemList problems)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in new[] { "producer", "consumer", "admin" })
        {
            var merged = new Dictionary<string, string>(sections["client"], StringComparer.Ordinal);
            foreach (var (k, v) in sections[section])
            {
                merged[k] = v;
            }

            if (merged.Count == 0)
            {
                continue;
            }

            if (section == "consumer")
            {
                merged["group.id"] = "calc-config-check";
            }

            foreach (var (name, message) in KafkaClientCheck.Problems(merged))
            {
                var where = name is null ? (sections[section].Count == 0 ? "kafka.client" : $"kafka.{section}")
                    : sections[section].ContainsKey(name) ? $"kafka.{section}.{name}" : $"kafka.client.{name}";
                if (reported.Add(message))
                {
                    problems.Add(where, message);
                }
            }
        }
    }

    /// <summary>A level name of Microsoft.Extensions.Logging, or one of the short names other tools use.</summary>
    private static bool TryLevel(string text, out LogLevel level)
    {
        level = text.Trim().ToLowerInvariant() switch
        {
            "info" => LogLevel.Information,
            "warn" => LogLevel.Warning,
            "err" => LogLevel.Error,
            "fatal" => LogLevel.Critical,
            "off" => LogLevel.None,
            "verbose" => LogLevel.Trace,
            _ => (LogLevel)(-1),
        };
        return (int)level >= 0 || (Enum.TryParse(text, ignoreCase: true, out level) && Enum.IsDefined(level) && !int.TryParse(text, out _));
    }

    private static void CheckServers(string servers, ProblemList problems)
    {
        foreach (var server in servers.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!ValidHostPort(server))
            {
                problems.Add("kafka.bootstrapServers", $"'{server}' is not HOST:PORT (a comma-separated list, e.g. broker1:9093,broker2:9093), or embedded");
            }
        }
    }

    private static bool ValidHostPort(string text)
    {
        var colon = text.LastIndexOf(':');
        return colon > 0 && int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535;
    }

    private static string? Path(string? path, string currentDirectory) => path is null ? null : System.IO.Path.GetFullPath(path, currentDirectory);
}
