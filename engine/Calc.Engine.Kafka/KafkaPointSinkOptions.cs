using Confluent.Kafka;

namespace Calc.Engine.Kafka;

/// <summary>Where a <see cref="KafkaPointSink"/> writes.</summary>
public sealed class KafkaPointSinkOptions
{
    /// <summary>
    /// Confluent's producer settings (<c>bootstrap.servers</c>, security, <c>linger.ms</c>, ...); copied, not
    /// modified. Calc turns on <c>enable.idempotence</c> unless it is set explicitly.
    /// </summary>
    public required ProducerConfig Producer { get; init; }

    /// <summary>The output topic.</summary>
    public required string Topic { get; init; }

    /// <summary>When set, every message carries the <see cref="CalcKafkaHeaders.Job"/> header with this id.</summary>
    public string? JobId { get; init; }

    /// <summary>Checks the options; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public void Validate()
    {
        if (Producer is null)
        {
            throw new ArgumentException("Producer settings are required", nameof(Producer));
        }

        if (string.IsNullOrWhiteSpace(Producer.BootstrapServers))
        {
            throw new ArgumentException("Producer.BootstrapServers (bootstrap.servers) is required", nameof(Producer));
        }

        if (string.IsNullOrWhiteSpace(Topic))
        {
            throw new ArgumentException("Topic is required", nameof(Topic));
        }
    }
}
