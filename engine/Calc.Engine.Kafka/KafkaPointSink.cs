using System.Buffers;
using System.Text;
using System.Text.Json;
using Calc.Engine.Kafka.Internal;
using Calc.Engine.Records;
using Calc.Engine.Runtime;
using Calc.Sdk;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Calc.Engine.Kafka;

/// <summary>
/// Writes output records to a Kafka topic as SPEC §1 JSON, key = assetId, through an idempotent producer.
/// </summary>
/// <remarks>
/// Threading: <see cref="Write"/> and <see cref="Flush"/> are called from one thread (the processing lane);
/// delivery reports arrive on Confluent's poll thread and only touch interlocked counters.
/// <see cref="Write"/> hands the record to librdkafka and returns; it waits only when librdkafka's own
/// bounded queue (<c>queue.buffering.max.messages</c> / <c>.kbytes</c>) is full, which is the backpressure
/// that keeps memory bounded when the cluster cannot keep up.
/// </remarks>
public sealed class KafkaPointSink : IOutputSink, IDisposable
{
    private const int MaxCachedKeys = 100_000;
    private static readonly TimeSpan FlushSlice = TimeSpan.FromMilliseconds(100);

    private readonly IProducer<byte[], byte[]> _producer;
    private readonly string _topic;
    private readonly Headers? _headers;
    private readonly ILogger _logger;
    private readonly Action<DeliveryReport<byte[], byte[]>> _onDelivery;
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Utf8JsonWriter _json;
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);
    private long _inFlight;
    private long _produced;
    private long _delivered;
    private long _failed;
    private string? _firstError;
    private bool _disposed;

    /// <summary>Creates the producer. No connection is made until the first record is written.</summary>
    public KafkaPointSink(KafkaPointSinkOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _topic = options.Topic;
        _logger = logger ?? NullLogger.Instance;
        if (options.JobId is not null)
        {
            // One immutable header set shared by every message: Confluent copies headers during Produce.
            _headers = new Headers { { CalcKafkaHeaders.Job, Encoding.UTF8.GetBytes(options.JobId) } };
        }

        var config = new ProducerConfig(options.Producer.ToDictionary(kv => kv.Key, kv => kv.Value));
        config.EnableIdempotence ??= true;
        config.DeliveryReportFields ??= "status";
        _producer = new ProducerBuilder<byte[], byte[]>(config)
            .SetLogHandler((_, m) => KafkaLog.Route<KafkaPointSink>(_logger, m))
            .SetErrorHandler(OnError)
            .Build();
        _json = new Utf8JsonWriter(_buffer);
        _onDelivery = OnDelivery;
    }

    /// <summary>Records handed to librdkafka.</summary>
    public long Produced => Interlocked.Read(ref _produced);

    /// <summary>Records the cluster acknowledged.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Records that could not be delivered (after librdkafka's retries).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <inheritdoc />
    public void Write(in PointRecord record)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        PointJsonWriter.Write(_json, record);
        _json.Flush();
        var message = new Message<byte[], byte[]>
        {
            Key = KeyOf(record.AssetId),
            Value = _buffer.WrittenSpan.ToArray(),
            Headers = _headers,
        };
        Interlocked.Increment(ref _inFlight);
        while (true)
        {
            try
            {
                _producer.Produce(_topic, message, _onDelivery);
                Interlocked.Increment(ref _produced);
                return;
            }
            catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                // librdkafka's queue is full: wait for deliveries to drain it (bounded memory).
                Thread.Sleep(5);
            }
            catch
            {
                Interlocked.Decrement(ref _inFlight);
                throw;
            }
        }
    }

    /// <summary>
    /// Waits until every record written so far is acknowledged or has finally failed.
    /// </summary>
    /// <exception cref="KafkaDeliveryException">Some record was never delivered. The sink stays failed:
    /// every later Flush throws too, so that no input past a lost output is ever committed.</exception>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (Interlocked.Read(ref _inFlight) > 0)
        {
            _producer.Flush(FlushSlice);
        }

        var failed = Interlocked.Read(ref _failed);
        if (failed > 0)
        {
            throw new KafkaDeliveryException(_topic, failed, Volatile.Read(ref _firstError) ?? "unknown");
        }
    }

    /// <summary>Releases the producer without waiting: call <see cref="Flush"/> first to deliver what was written.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _producer.Dispose();
        _json.Dispose();
    }

    private byte[] KeyOf(string assetId)
    {
        if (_keys.TryGetValue(assetId, out var key))
        {
            return key;
        }

        key = Encoding.UTF8.GetBytes(assetId);
        if (_keys.Count < MaxCachedKeys)
        {
            _keys[assetId] = key;
        }

        return key;
    }

    private void OnDelivery(DeliveryReport<byte[], byte[]> report)
    {
        if (report.Error.IsError)
        {
            Fail(report.Error.Reason + " (" + report.Error.Code + ")");
        }
        else
        {
            Interlocked.Increment(ref _delivered);
        }

        Interlocked.Decrement(ref _inFlight);
    }

    private void OnError(IProducer<byte[], byte[]> producer, Error error)
    {
        if (error.IsFatal)
        {
            // A fatal error (e.g. the idempotence guarantee is broken) fails the sink as a whole.
            Fail("fatal producer error: " + error.Reason + " (" + error.Code + ")");
            return;
        }

        KafkaLog.ClientError(_logger, nameof(KafkaPointSink), error.Reason);
    }

    private void Fail(string reason)
    {
        Interlocked.CompareExchange(ref _firstError, reason, null);
        Interlocked.Increment(ref _failed);
        KafkaLog.DeliveryFailed(_logger, _topic, reason);
    }
}
