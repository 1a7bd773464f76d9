using Confluent.Kafka;

namespace Calc.Engine.Kafka;

/// <summary>What a <see cref="KafkaPointSource"/> reads and where it sends what it cannot read.</summary>
public sealed class KafkaPointSourceOptions
{
    /// <summary>Suffix of the default dead-letter topic name (<c>&lt;topic&gt;.dlq</c>).</summary>
    public const string DefaultDeadLetterSuffix = ".dlq";

    /// <summary>
    /// Confluent's consumer settings: <c>bootstrap.servers</c> and <c>group.id</c> are required; copied, not
    /// modified. Calc forces <c>enable.auto.commit=false</c> (offsets are committed by
    /// <see cref="KafkaPointSource.Commit"/> only) and uses <c>auto.offset.reset=earliest</c> unless set.
    /// </summary>
    public required ConsumerConfig Consumer { get; init; }

    /// <summary>The input topic.</summary>
    public required string Topic { get; init; }

    /// <summary>Dead-letter topic for messages that are not point records; default <c>&lt;Topic&gt;.dlq</c>.</summary>
    public string? DeadLetterTopic { get; init; }

    /// <summary>
    /// Producer settings for the dead-letter topic; by default the consumer's connection settings
    /// (<c>bootstrap.servers</c>, <c>client.id</c>, <c>security.protocol</c>, <c>sasl.*</c>, <c>ssl.*</c>).
    /// </summary>
    public ProducerConfig? DeadLetterProducer { get; init; }

    /// <summary>When set, messages whose <see cref="CalcKafkaHeaders.Job"/> header equals it are skipped (and counted).</summary>
    public string? JobId { get; init; }

    /// <summary>
    /// When true, <see cref="KafkaPointSource.TryConsumeBatch"/> only copies message values into the batch
    /// and <see cref="KafkaPointSource.Decode"/> decodes them later, possibly on another thread (one at a
    /// time): the consuming thread then does no more than a bare consumer. Default false (batches come decoded).
    /// </summary>
    public bool DeferDecoding { get; init; }

    /// <summary>The dead-letter topic that is used.</summary>
    public string EffectiveDeadLetterTopic => DeadLetterTopic ?? Topic + DefaultDeadLetterSuffix;

    /// <summary>Checks the options; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public void Validate()
    {
        if (Consumer is null)
        {
            throw new ArgumentException("Consumer settings are required", nameof(Consumer));
        }

        if (string.IsNullOrWhiteSpace(Consumer.BootstrapServers))
        {
            throw new ArgumentException("Consumer.BootstrapServers (bootstrap.servers) is required", nameof(Consumer));
        }

        if (string.IsNullOrWhiteSpace(Consumer.GroupId))
        {
            throw new ArgumentException("Consumer.GroupId (group.id) is required: Calc consumes in a consumer group", nameof(Consumer));
        }

        if (string.IsNullOrWhiteSpace(Topic))
        {
            throw new ArgumentException("Topic is required", nameof(Topic));
        }

        if (string.Equals(EffectiveDeadLetterTopic, Topic, StringComparison.Ordinal))
        {
            throw new ArgumentException("the dead-letter topic must differ from the input topic", nameof(DeadLetterTopic));
        }
    }

    /// <summary>The producer settings the dead-letter writer uses.</summary>
    internal ProducerConfig DeadLetterProducerConfig()
    {
        if (DeadLetterProducer is not null)
        {
            return new ProducerConfig(DeadLetterProducer.ToDictionary(kv => kv.Key, kv => kv.Value));
        }

        var copied = KafkaClientCheck.Connection(Consumer);
        return new ProducerConfig(copied);
    }
}
