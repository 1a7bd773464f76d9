namespace Calc.Engine.Kafka;

/// <summary>
/// Thrown by <see cref="KafkaPointSink.Flush"/> when librdkafka gave up delivering at least one record
/// (after its own retries, i.e. after <c>message.timeout.ms</c>) or the producer hit a fatal error.
/// The records are lost for this sink; the inputs that produced them must not be committed.
/// </summary>
public sealed class KafkaDeliveryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KafkaDeliveryException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public KafkaDeliveryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public KafkaDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="failed"/> undelivered records.</summary>
    public KafkaDeliveryException(string topic, long failed, string firstError)
        : base($"{failed} record(s) could not be delivered to Kafka topic '{topic}' (first error: {firstError}); "
            + "their inputs must not be committed")
    {
        Topic = topic;
        FailedCount = failed;
        FirstError = firstError;
    }

    /// <summary>The topic the records were meant for.</summary>
    public string? Topic { get; }

    /// <summary>How many records failed since the sink was created.</summary>
    public long FailedCount { get; }

    /// <summary>librdkafka's reason for the first failure.</summary>
    public string? FirstError { get; }
}
