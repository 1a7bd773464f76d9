using System.Buffers;
using System.Text;
using System.Text.Json;
using Calc.Engine.Records;
using Calc.Sdk;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Calc.Engine.Kafka.Internal;

/// <summary>
/// The first stage of a group job on a topic with several partitions: reads the input topic (its
/// partitions spread over the workers by the job's consumer group) and produces every record to the
/// repartition topic keyed by its group key (the group step's <see cref="IOperatorDefinition.GroupKeyOf"/>;
/// the asset id for an asset without a group), with its origin in the <see cref="CalcKafkaHeaders.Origin"/>
/// header. An asset's records keep their order (one asset, one key, one producer per input partition). Offsets
/// of the input topic are committed only after the produced records are acknowledged; what a crash makes it
/// produce twice is dropped by the lane that owns the group (<see cref="RecordOrigin"/>). It holds no state.
/// </summary>
internal sealed class RepartitionForwarder : IDisposable
{
    private readonly IOperatorDefinition _group;
    private readonly IAssetDirectory _assets;
    private readonly string _topic;
    private readonly KafkaPointSource _source;
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly Dictionary<TopicPartition, long> _pending = [];
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Utf8JsonWriter _json;
    private readonly Action<DeliveryReport<byte[], byte[]>> _onDelivery;
    private readonly TimeSpan _commitInterval;
    private long _inFlight;
    private long _failed;
    private string? _firstError;
    private int _lastPartition = -1;
    private long _lastOffset = -1;
    private int _index;

    public RepartitionForwarder(IOperatorDefinition group, StreamingOptions options, string jobId, string topic, ILogger logger)
    {
        _group = group;
        _assets = options.Assets;
        _topic = topic;
        _commitInterval = options.CheckpointInterval;
        _source = new KafkaPointSource(new KafkaPointSourceOptions { Consumer = options.Consumer, Topic = options.InputTopic, JobId = jobId }, logger);
        _source.PartitionsRevoked += OnRevoked;
        var config = new ProducerConfig(options.Producer.ToDictionary(kv => kv.Key, kv => kv.Value));
        config.EnableIdempotence ??= true;
        config.DeliveryReportFields ??= "status";
        _producer = new ProducerBuilder<byte[], byte[]>(config)
            .SetLogHandler((_, m) => KafkaLog.Route<RepartitionForwarder>(logger, m))
            .SetErrorHandler((_, e) =>
            {
                if (e.IsFatal)
                {
                    Fail("fatal producer error: " + e.Reason);
                }
            })
            .Build();
        _json = new Utf8JsonWriter(_buffer);
        _onDelivery = report =>
        {
            if (report.Error.IsError)
            {
                Fail(report.Error.Reason + " (" + report.Error.Code + ")");
            }

            Interlocked.Decrement(ref _inFlight);
        };
    }

    /// <summary>Records read from the input topic.</summary>
    public long Read { get; private set; }

    /// <summary>Records produced to the repartition topic (each one produce here and one consume by its group's lane).</summary>
    public long Forwarded { get; private set; }

    /// <summary>Forwards until cancelled, committing every <see cref="StreamingOptions.CheckpointInterval"/>; then commits and leaves the group.</summary>
    public void Run(CancellationToken cancellation)
    {
        var batch = new PointBatch();
        var lastCommit = System.Diagnostics.Stopwatch.StartNew();
        while (!cancellation.IsCancellationRequested)
        {
            if (_source.TryConsumeBatch(5_000, TimeSpan.FromMilliseconds(100), batch))
            {
                foreach (ref readonly var item in batch.Records)
                {
                    Forward(in item);
                }

                batch.MergeNextOffsetsInto(_pending);
            }

            if (lastCommit.Elapsed >= _commitInterval)
            {
                Commit();
                lastCommit.Restart();
            }
        }

        Commit();
        _source.Close();
    }

    public void Dispose()
    {
        _source.Dispose();
        _producer.Dispose();
        _json.Dispose();
    }

    private void Forward(in SourcedPoint item)
    {
        var record = item.Record;
        Read++;
        if (item.Partition == _lastPartition && item.Offset == _lastOffset)
        {
            _index++;
        }
        else
        {
            _lastPartition = item.Partition;
            _lastOffset = item.Offset;
            _index = 0;
        }

        if (_index >= RecordOrigin.MaxRecordsPerMessage)
        {
            throw new InvalidOperationException($"partition {item.Partition} offset {item.Offset} of '{_source.Topic}': a message with more than {RecordOrigin.MaxRecordsPerMessage} records cannot be re-keyed (its records could not be told apart); split it");
        }

        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        PointJsonWriter.Write(_json, record);
        _json.Flush();
        var message = new Message<byte[], byte[]>
        {
            Key = KeyOf(in record),
            Value = _buffer.WrittenSpan.ToArray(),
            Headers = new Headers { { CalcKafkaHeaders.Origin, RecordOrigin.Of(item.Partition, item.Offset, _index).ToHeader() } },
        };
        Interlocked.Increment(ref _inFlight);
        while (true)
        {
            try
            {
                _producer.Produce(_topic, message, _onDelivery);
                Forwarded++;
                return;
            }
            catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                _producer.Poll(TimeSpan.FromMilliseconds(5)); // librdkafka's queue is full: let deliveries drain it
            }
            catch
            {
                Interlocked.Decrement(ref _inFlight);
                throw;
            }
        }
    }

    /// <summary>The group key, kept per asset once known; an asset without a group is keyed by its id.</summary>
    private byte[] KeyOf(in PointRecord record)
    {
        if (_keys.TryGetValue(record.AssetId, out var key))
        {
            return key;
        }

        if (_group.GroupKeyOf(in record, _assets) is { } group)
        {
            key = Encoding.UTF8.GetBytes(group);
            _keys[record.AssetId] = key;
            return key;
        }

        return Encoding.UTF8.GetBytes(record.AssetId);
    }

    /// <summary>Produced records acknowledged, then the input offsets committed.</summary>
    private void Commit()
    {
        while (Interlocked.Read(ref _inFlight) > 0)
        {
            _producer.Flush(TimeSpan.FromMilliseconds(100));
        }

        if (Interlocked.Read(ref _failed) > 0)
        {
            throw new KafkaDeliveryException(_topic, Interlocked.Read(ref _failed), Volatile.Read(ref _firstError) ?? "unknown");
        }

        if (_pending.Count > 0)
        {
            _source.Commit(_pending);
            _pending.Clear();
        }
    }

    private void OnRevoked(object? sender, PartitionsChangedEventArgs e)
    {
        if (!e.Lost)
        {
            Commit();
        }

        foreach (var tp in e.Partitions)
        {
            _pending.Remove(tp);
        }
    }

    private void Fail(string reason)
    {
        Interlocked.CompareExchange(ref _firstError, reason, null);
        Interlocked.Increment(ref _failed);
    }
}
