using System.Diagnostics;
using Confluent.Kafka;

namespace Calc.Engine.Kafka;

/// <summary>What the first contact with a cluster showed.</summary>
/// <param name="Refused">The cluster answered and refused these settings (TLS, authentication, authorization): a configuration error.</param>
/// <param name="Down">No broker could be reached (yet); what librdkafka said.</param>
public sealed record KafkaContact(string? Refused, string? Down)
{
    public bool Ok => Refused is null && Down is null;
}

/// <summary>
/// Asks the cluster for its metadata once, before a job starts, so that a certificate that is not
/// trusted or wrong SASL credentials are one clear error at start instead of a client that retries in
/// the background for ever. A cluster that is only down is reported as such (the caller goes on and
/// retries: the records wait in Kafka).
/// </summary>
public static class KafkaReachability
{
    public static KafkaContact Check(IEnumerable<KeyValuePair<string, string>> settings, TimeSpan timeout)
    {
        var config = new AdminClientConfig(KafkaClientCheck.Connection(settings));
        string? refused = null;
        string? down = null;
        using var admin = new AdminClientBuilder(config)
            .SetErrorHandler((_, error) =>
            {
                if (IsRefusal(error))
                {
                    refused ??= error.Reason;
                }
                else if (error.Code is ErrorCode.Local_AllBrokersDown or ErrorCode.Local_Transport or ErrorCode.Local_Resolve)
                {
                    down ??= error.Reason;
                }
            })
            .SetLogHandler((_, message) =>
            {
                if (message.Level <= SyslogLevel.Error && message.Message.Contains("SSL", StringComparison.Ordinal))
                {
                    refused ??= message.Message;
                }
            })
            .Build();

        // Short asks in a row, so that a refusal or a broker that is down ends the wait at once (and the
        // client is never disposed while a call on it is still running).
        var started = Stopwatch.GetTimestamp();
        while (refused is null && Stopwatch.GetElapsedTime(started) < timeout)
        {
            try
            {
                if (admin.GetMetadata(TimeSpan.FromMilliseconds(500)).Brokers.Count > 0 && refused is null)
                {
                    return new KafkaContact(null, null);
                }
            }
            catch (KafkaException ex) when (ex.Error.Code != ErrorCode.Local_TimedOut)
            {
                down ??= ex.Error.Reason;
            }
            catch (KafkaException)
            {
            }

            if (down is not null && refused is null && Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(1))
            {
                break;
            }
        }

        return refused is not null ? new KafkaContact(refused, null) : new KafkaContact(null, down ?? $"no answer within {timeout.TotalSeconds:0} s");
    }

    private static bool IsRefusal(Error error) =>
        error.Code is ErrorCode.Local_Authentication or ErrorCode.SaslAuthenticationFailed or ErrorCode.Local_Ssl
            or ErrorCode.TopicAuthorizationFailed or ErrorCode.ClusterAuthorizationFailed or ErrorCode.GroupAuthorizationFailed;
}
