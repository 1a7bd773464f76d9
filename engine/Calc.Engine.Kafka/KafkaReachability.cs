using Confluent.Kafka;

namespace Calc.Engine.Kafka;

/// <summary>
/// Asks the cluster for its metadata once, before a job starts, so that a wrong address, a TLS
/// certificate that is not trusted or wrong SASL credentials are one clear error at start instead of
/// a client that retries in the background for ever.
/// </summary>
public static class KafkaReachability
{
    /// <summary>Null when the cluster answered within <paramref name="timeout"/>; otherwise librdkafka's reason.</summary>
    public static string? Check(IEnumerable<KeyValuePair<string, string>> settings, TimeSpan timeout)
    {
        var config = new AdminClientConfig(KafkaClientCheck.Connection(settings));
        string? reason = null;
        var fatal = new ManualResetEventSlim();
        using var admin = new AdminClientBuilder(config)
            .SetErrorHandler((_, error) =>
            {
                reason ??= error.Reason;
                if (IsAuthentication(error))
                {
                    reason = error.Reason;
                    fatal.Set();
                }
            })
            .SetLogHandler((_, message) =>
            {
                if (message.Level <= SyslogLevel.Error && message.Message.Contains("SSL", StringComparison.Ordinal))
                {
                    reason = message.Message;
                    fatal.Set();
                }
            })
            .Build();
        // Short asks in a row, so that an authentication or TLS failure ends the wait at once (and the
        // client is never disposed while a call on it is still running).
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (!fatal.IsSet && System.Diagnostics.Stopwatch.GetElapsedTime(started) < timeout)
        {
            try
            {
                if (admin.GetMetadata(TimeSpan.FromMilliseconds(500)).Brokers.Count > 0)
                {
                    return null;
                }
            }
            catch (KafkaException ex)
            {
                reason ??= ex.Error.Code == ErrorCode.Local_TimedOut ? null : ex.Error.Reason;
            }
        }

        return reason ?? $"no answer within {timeout.TotalSeconds:0} s";
    }

    private static bool IsAuthentication(Error error) =>
        error.Code is ErrorCode.Local_Authentication or ErrorCode.SaslAuthenticationFailed or ErrorCode.Local_Ssl or ErrorCode.TopicAuthorizationFailed or ErrorCode.ClusterAuthorizationFailed;
}
