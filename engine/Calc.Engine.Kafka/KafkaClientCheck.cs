using Calc.Engine.Kafka.Internal;

namespace Calc.Engine.Kafka;

/// <summary>
/// Checks librdkafka client properties before a client is built from them, with librdkafka's own
/// rules (so every property of the installed librdkafka is accepted, and nothing else).
/// </summary>
public static class KafkaClientCheck
{
    /// <summary>
    /// One message per property librdkafka rejects (unknown name, wrong value), then — when each is
    /// accepted on its own — what librdkafka says when a client is made from all of them together
    /// (a missing <c>ssl.ca.location</c> file, a mechanism without its settings).
    /// </summary>
    public static IReadOnlyList<(string? Name, string Message)> Problems(IReadOnlyDictionary<string, string> settings)
    {
        var problems = new List<(string?, string)>();
        foreach (var (name, reason) in RdKafkaHandle.Rejected(settings))
        {
            problems.Add((name, reason));
        }

        if (problems.Count > 0 || settings.Count == 0)
        {
            return problems;
        }

        var rk = RdKafkaHandle.NewProducer(settings, strict: true, out var error);
        if (rk == IntPtr.Zero)
        {
            problems.Add((null, error ?? "librdkafka could not make a client from these settings"));
        }
        else
        {
            RdKafkaHandle.Destroy(rk);
        }

        return problems;
    }

    /// <summary>The connection properties (servers, security, client id) of a client's settings, for another client to the same cluster.</summary>
    public static Dictionary<string, string> Connection(IEnumerable<KeyValuePair<string, string>> settings)
    {
        var copied = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in settings)
        {
            if (IsConnection(key))
            {
                copied[key] = value;
            }
        }

        return copied;
    }

    /// <summary>The properties that say how to reach and authenticate to a cluster.</summary>
    public static bool IsConnection(string key) =>
        key is "bootstrap.servers" or "client.id" or "security.protocol" or "enable.ssl.certificate.verification" or "broker.address.family" or "client.dns.lookup"
        || key.StartsWith("sasl.", StringComparison.Ordinal) || key.StartsWith("ssl.", StringComparison.Ordinal) || key.StartsWith("ssl_", StringComparison.Ordinal)
        || key.StartsWith("socket.", StringComparison.Ordinal);
}
