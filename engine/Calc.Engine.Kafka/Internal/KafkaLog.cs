using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Calc.Engine.Kafka.Internal;

/// <summary>librdkafka's log and error callbacks, routed to an <see cref="ILogger"/>.</summary>
internal static partial class KafkaLog
{
    public static void Route<TClient>(ILogger logger, LogMessage message)
    {
        var level = message.Level switch
        {
            SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical or SyslogLevel.Error => LogLevel.Error,
            SyslogLevel.Warning => LogLevel.Warning,
            SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
            _ => LogLevel.Debug,
        };
        Librdkafka(logger, level, typeof(TClient).Name, message.Facility, message.Message);
    }

    [LoggerMessage(EventId = 7100, Message = "librdkafka {Client} {Facility}: {Text}")]
    public static partial void Librdkafka(ILogger logger, LogLevel level, string client, string facility, string text);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Kafka {Client} error (librdkafka retries): {Reason}")]
    public static partial void ClientError(ILogger logger, string client, string reason);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Error, Message = "Kafka delivery to {Topic} failed: {Reason}")]
    public static partial void DeliveryFailed(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Warning, Message = "Kafka message {Topic}[{Partition}]@{Offset} sent to dead-letter topic {DeadLetterTopic}: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string topic, int partition, long offset, string deadLetterTopic, string reason);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Information, Message = "Kafka partitions {Change} for {Topic}: {Partitions}")]
    public static partial void Rebalance(ILogger logger, string change, string topic, string partitions);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Warning, Message = "Kafka commit of {Count} partition(s) of {Topic} refused during a rebalance; their messages will be read again: {Reason}")]
    public static partial void CommitRejected(ILogger logger, string topic, int count, string reason);
}
