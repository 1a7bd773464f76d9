using Calc.Engine.Kafka;

namespace Calc.Host.Commands;

/// <summary>
/// The first contact every Kafka command makes (<c>calc run</c>, <c>serve</c>, <c>sink tsdb</c>,
/// <c>produce</c>): a cluster that refuses the settings (TLS, credentials) stops the command; one that
/// is down is only reported — the command goes on and retries.
/// </summary>
internal static class KafkaFirstContact
{
    /// <summary>How long a command waits for the cluster's first answer before it gives up with the reason.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>False (the error printed) when the cluster refused the settings.</summary>
    public static bool Check(string command, IEnumerable<KeyValuePair<string, string>> settings, string servers, TextWriter error)
    {
        var contact = KafkaReachability.Check(settings, Timeout);
        if (contact.Refused is { } refused)
        {
            error.WriteLine($"{command}: cannot connect to Kafka at {servers}: {refused}. Check kafka.bootstrapServers and the kafka.client settings "
                + "(security.protocol, sasl.*, ssl.*; 'calc config show' prints them with where each came from)");
            return false;
        }

        if (contact.Down is { } down)
        {
            error.WriteLine($"{command}: Kafka at {servers} does not answer yet ({down}); retrying — the records are read once it does");
        }

        return true;
    }
}
