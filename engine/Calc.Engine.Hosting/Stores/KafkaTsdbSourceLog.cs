using Microsoft.Extensions.Logging;

namespace Calc.Engine.Hosting.Stores;

/// <summary>The TSDB writer's Kafka consumer messages.</summary>
internal static partial class KafkaTsdbSourceLog
{
    [LoggerMessage(EventId = 7201, Level = LogLevel.Warning, Message = "TSDB writer: waiting for the output topic {Topic}: {Reason} (it keeps polling; outputs wait in Kafka)")]
    public static partial void Waiting(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 7202, Level = LogLevel.Error, Message = "TSDB writer: the consumer of {Topic} stopped on a fatal Kafka error: {Reason}; outputs are no longer written to the TSDB (restart calc serve, or run calc sink tsdb)")]
    public static partial void Failed(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 7203, Level = LogLevel.Error, Message = "TSDB writer stopped: {Reason}; outputs are no longer written to the TSDB (they wait in Kafka)")]
    public static partial void Stopped(ILogger logger, string reason);
}
