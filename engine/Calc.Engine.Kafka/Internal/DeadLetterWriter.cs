using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Calc.Engine.Kafka.Internal;

/// <summary>
/// Writes messages that are not point records to the dead-letter topic as one JSON object each:
/// <c>{"reason","topic","partition","offset","timestamp","value"|"valueBase64"}</c>. Delivery is tracked
/// like the sink's: <see cref="Flush"/> waits and throws when something was not delivered, and the source
/// flushes before every commit, so a committed offset never skips an undelivered dead letter.
/// </summary>
internal sealed class DeadLetterWriter : IDisposable
{
    private static readonly TimeSpan FlushSlice = TimeSpan.FromMilliseconds(100);
    private readonly string _topic;
    private readonly ILogger _logger;
    private readonly Lazy<IProducer<Null, byte[]>> _producer;
    private readonly Action<DeliveryReport<Null, byte[]>> _onDelivery;
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private long _inFlight;
    private long _failed;
    private string? _firstError;

    public DeadLetterWriter(ProducerConfig config, string topic, ILogger logger)
    {
        _topic = topic;
        _logger = logger;
        config.EnableIdempotence ??= true;
        config.DeliveryReportFields ??= "status";
        // Built on first use: a healthy input never opens a connection for dead letters.
        _producer = new(() => new ProducerBuilder<Null, byte[]>(config)
            .SetLogHandler((_, m) => KafkaLog.Route<DeadLetterWriter>(_logger, m))
            .SetErrorHandler((_, e) => KafkaLog.ClientError(_logger, nameof(DeadLetterWriter), e.Reason))
            .Build());
        _onDelivery = OnDelivery;
    }

    public string Topic => _topic;

    public long Written { get; private set; }

    public void Write(string reason, string topic, int partition, long offset, Timestamp timestamp, byte[]? raw)
    {
        KafkaLog.DeadLettered(_logger, topic, partition, offset, _topic, reason);
        _buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(_buffer))
        {
            json.WriteStartObject();
            json.WriteString("reason", reason);
            json.WriteString("topic", topic);
            json.WriteNumber("partition", partition);
            json.WriteNumber("offset", offset);
            if (timestamp.Type != TimestampType.NotAvailable)
            {
                json.WriteNumber("timestamp", timestamp.UnixTimestampMs);
            }

            if (raw is null)
            {
                json.WriteNull("value");
            }
            else if (Utf8.IsValid(raw))
            {
                json.WriteString("value", raw);
            }
            else
            {
                json.WriteBase64String("valueBase64", raw);
            }

            json.WriteEndObject();
        }

        Interlocked.Increment(ref _inFlight);
        try
        {
            _producer.Value.Produce(_topic, new Message<Null, byte[]> { Value = _buffer.WrittenSpan.ToArray() }, _onDelivery);
            Written++;
        }
        catch
        {
            Interlocked.Decrement(ref _inFlight);
            throw;
        }
    }

    /// <summary>Waits for every dead letter written so far; throws when one was not delivered (sticky).</summary>
    public void Flush()
    {
        if (!_producer.IsValueCreated)
        {
            return;
        }

        while (Interlocked.Read(ref _inFlight) > 0)
        {
            _producer.Value.Flush(FlushSlice);
        }

        var failed = Interlocked.Read(ref _failed);
        if (failed > 0)
        {
            throw new KafkaDeliveryException(_topic, failed, Volatile.Read(ref _firstError) ?? "unknown");
        }
    }

    public void Dispose()
    {
        if (_producer.IsValueCreated)
        {
            _producer.Value.Dispose();
        }
    }

    private void OnDelivery(DeliveryReport<Null, byte[]> report)
    {
        if (report.Error.IsError)
        {
            var reason = report.Error.Reason + " (" + report.Error.Code + ")";
            Interlocked.CompareExchange(ref _firstError, reason, null);
            Interlocked.Increment(ref _failed);
            KafkaLog.DeliveryFailed(_logger, _topic, reason);
        }

        Interlocked.Decrement(ref _inFlight);
    }
}
