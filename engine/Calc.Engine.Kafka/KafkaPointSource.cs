using Calc.Engine.Kafka.Internal;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Calc.Engine.Kafka;

/// <summary>
/// Reads point records from a Kafka topic as a member of a consumer group, for an engine that pulls
/// batches and commits offsets only after the outputs derived from them were acknowledged
/// (at-least-once). Accepts SPEC §1 records and the multi-point device payload; anything else goes to
/// the dead-letter topic and the job continues.
/// </summary>
/// <remarks>
/// Threading: single-threaded. <see cref="TryConsumeBatch"/>, <see cref="Commit"/>, <see cref="GetLag"/>,
/// <see cref="Close"/> and <see cref="Dispose"/> are called from the one thread that drives the source;
/// <see cref="PartitionsAssigned"/> and <see cref="PartitionsRevoked"/> are raised on that same thread,
/// from inside <see cref="TryConsumeBatch"/> or <see cref="Close"/>.
/// Memory is bounded: nothing is read ahead beyond librdkafka's own bounded prefetch
/// (<c>queued.max.messages.kbytes</c>) and the batch the caller asked for.
/// </remarks>
public sealed partial class KafkaPointSource : IDisposable
{
    private readonly IConsumer<Ignore, DecodeOutcome> _consumer;
    private readonly PointMessageDecoder _decoder;
    private readonly DeadLetterWriter _deadLetters;
    private readonly ILogger _logger;
    private readonly bool _resetToLatest;
    private readonly bool _deferDecoding;
    private PointBatch? _filling;
    private bool _closed;
    private bool _disposed;

    /// <summary>Creates the consumer and subscribes to the topic; the group is joined on the first <see cref="TryConsumeBatch"/>.</summary>
    public KafkaPointSource(KafkaPointSourceOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Topic = options.Topic;
        _logger = logger ?? NullLogger.Instance;
        var config = new ConsumerConfig(options.Consumer.ToDictionary(kv => kv.Key, kv => kv.Value))
        {
            EnableAutoCommit = false,
        };

        // The topic is known (one subscription): not marshalling its name with every message saves a
        // string per message. Headers carry the producing job; the timestamp goes to dead letters.
        if (config.Get(ConfigPropertyNames.Consumer.ConsumeResultFields) is null)
        {
            config.ConsumeResultFields = "headers,timestamp";
        }
        config.AutoOffsetReset ??= AutoOffsetReset.Earliest;
        _resetToLatest = config.AutoOffsetReset == AutoOffsetReset.Latest;
        _decoder = new PointMessageDecoder(options.JobId);
        _deferDecoding = options.DeferDecoding;
        _deadLetters = new DeadLetterWriter(options.DeadLetterProducerConfig(), options.EffectiveDeadLetterTopic, _logger);
        _consumer = new ConsumerBuilder<Ignore, DecodeOutcome>(config)
            .SetValueDeserializer(_decoder)
            .SetPartitionsAssignedHandler(OnAssigned)
            .SetPartitionsRevokedHandler((_, revoked) => OnRevoked(revoked, lost: false))
            .SetPartitionsLostHandler((_, lost) => OnRevoked(lost, lost: true))
            .SetLogHandler((_, m) => KafkaLog.Route<KafkaPointSource>(_logger, m))
            .SetErrorHandler((_, e) => KafkaLog.ClientError(_logger, nameof(KafkaPointSource), e.Reason))
            .Build();
        _consumer.Subscribe(Topic);
    }

    /// <summary>The input topic.</summary>
    public string Topic { get; }

    /// <summary>The dead-letter topic.</summary>
    public string DeadLetterTopic => _deadLetters.Topic;

    /// <summary>Kafka messages consumed since creation.</summary>
    public long MessagesConsumed { get; private set; }

    /// <summary>Point records decoded since creation.</summary>
    public long RecordsDecoded { get; private set; }

    /// <summary>Messages sent to the dead-letter topic since creation.</summary>
    public long DeadLettered => _deadLetters.Written;

    /// <summary>Messages skipped since creation because this job produced them.</summary>
    public long SkippedOwnJob { get; private set; }

    /// <summary>
    /// Clears <paramref name="batch"/> and fills it: waits up to <paramref name="wait"/> for the first
    /// message, then takes what is already fetched, without waiting, until <paramref name="maxRecords"/>
    /// records (a multi-point message is never split, so the last one may go over).
    /// Malformed messages are written to the dead-letter topic and skipped; messages of this job are skipped.
    /// </summary>
    /// <returns>True when something was consumed (<see cref="PointBatch.IsEmpty"/> is false): process the
    /// records, then commit <see cref="PointBatch.NextOffsets"/> once their outputs are acknowledged.</returns>
    /// <exception cref="KafkaException">A fatal consumer error.</exception>
    public bool TryConsumeBatch(int maxRecords, TimeSpan wait, PointBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecords, 1);
        ObjectDisposedException.ThrowIf(_disposed, this);
        batch.Clear();
        batch.Topic = Topic;
        if (_paused)
        {
            // Polled only to stay in the group: a record librdkafka had fetched before the pause is put back.
            if (ConsumeOne(wait) is { } early)
            {
                _consumer.Seek(early.TopicPartitionOffset);
            }

            return false;
        }

        _filling = batch;
        _decoder.DeferInto = _deferDecoding ? batch : null;
        try
        {
            var timeout = wait;
            while (batch.Count + batch.RawCount < maxRecords)
            {
                var result = ConsumeOne(timeout);
                if (result is null)
                {
                    break;
                }

                timeout = TimeSpan.Zero;
                Accept(result, batch);
            }
        }
        finally
        {
            _filling = null;
            _decoder.DeferInto = null;
        }

        return !batch.IsEmpty;
    }

    /// <summary>
    /// Commits, synchronously, the offsets to resume from (the offset after the last processed message per
    /// partition, as in <see cref="PointBatch.NextOffsets"/>). Call only after every output derived from
    /// those messages was acknowledged (the sinks' Flush returned). Dead letters written so far are flushed
    /// first. Partitions this member no longer owns are skipped, so a late commit never moves another
    /// member's position.
    /// </summary>
    /// <returns>The number of partitions committed; 0 when the coordinator refused the commit because the
    /// group is rebalancing (counted in <see cref="CommitsRejectedByRebalance"/>: the messages will be read
    /// again by the partitions' next owner).</returns>
    /// <exception cref="KafkaDeliveryException">A dead letter could not be delivered; nothing was committed.</exception>
    /// <exception cref="KafkaException">Any other commit failure.</exception>
    public int Commit(IReadOnlyDictionary<TopicPartition, long> nextOffsets)
    {
        ArgumentNullException.ThrowIfNull(nextOffsets);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _deadLetters.Flush();
        var offsets = new List<TopicPartitionOffset>(nextOffsets.Count);
        foreach (var (partition, next) in nextOffsets)
        {
            if (_assigned.Contains(partition))
            {
                offsets.Add(new TopicPartitionOffset(partition, new Offset(next)));
            }
        }

        if (offsets.Count == 0)
        {
            return 0;
        }

        try
        {
            _consumer.Commit(offsets);
            return offsets.Count;
        }
        catch (KafkaException ex) when (IsGroupChange(ex.Error.Code))
        {
            // The group is changing generation (typically a commit from PartitionsRevoked while the coordinator
            // is already re-forming the group): the partitions' next owner resumes from the last commit that
            // succeeded, so these messages are read again (at-least-once), never lost.
            CommitsRejectedByRebalance++;
            KafkaLog.CommitRejected(_logger, Topic, offsets.Count, ex.Error.Reason);
            return 0;
        }
    }

    /// <summary>Commits refused because the group was rebalancing (their messages will be read again).</summary>
    public long CommitsRejectedByRebalance { get; private set; }

    /// <summary>
    /// Leaves the group cleanly: <see cref="PartitionsRevoked"/> is raised (flush and commit there), then the
    /// partitions go to the other members at once instead of after the session timeout.
    /// </summary>
    public void Close()
    {
        if (_closed || _disposed)
        {
            return;
        }

        _closed = true;
        _consumer.Close();
        _deadLetters.Flush();
    }

    /// <summary>Closes (if <see cref="Close"/> was not called) and releases the consumer and dead-letter producer.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            Close();
        }
        finally
        {
            _disposed = true;
            _consumer.Dispose();
            _deadLetters.Dispose();
        }
    }

    private static bool IsGroupChange(ErrorCode code) =>
        code is ErrorCode.RebalanceInProgress or ErrorCode.IllegalGeneration or ErrorCode.UnknownMemberId;

    private ConsumeResult<Ignore, DecodeOutcome>? ConsumeOne(TimeSpan timeout)
    {
        try
        {
            return _consumer.Consume(timeout);
        }
        catch (ConsumeException ex) when (!ex.Error.IsFatal)
        {
            // e.g. the topic does not exist yet: librdkafka keeps trying; the batch ends here.
            KafkaLog.ClientError(_logger, nameof(KafkaPointSource), ex.Error.Reason);
            return null;
        }
    }

    private void Accept(ConsumeResult<Ignore, DecodeOutcome> result, PointBatch batch)
    {
        if (result.IsPartitionEOF)
        {
            return;
        }

        var outcome = result.Message.Value;
        var partition = result.Partition.Value;
        var offset = result.Offset.Value;
        MessagesConsumed++;
        switch (outcome.Kind)
        {
            case DecodeKind.Records:
                foreach (var record in _decoder.Decoded)
                {
                    batch.Add(record, partition, offset, _decoder.LastOrigin);
                }

                RecordsDecoded += outcome.Records;
                break;
            case DecodeKind.Malformed:
                _deadLetters.Write(outcome.Reason!, Topic, partition, offset, result.Message.Timestamp, outcome.Raw);
                break;
            case DecodeKind.Deferred:
                batch.AddRaw(partition, offset, result.Message.Timestamp, _decoder.LastOrigin);
                break;
            default:
                SkippedOwnJob++;
                break;
        }

        batch.Consumed(partition, offset, outcome.Kind == DecodeKind.Malformed, outcome.Kind == DecodeKind.OwnJob);
    }

    /// <summary>
    /// Decodes what a deferred-decoding batch holds (<see cref="KafkaPointSourceOptions.DeferDecoding"/>):
    /// point records into <see cref="PointBatch.Records"/>, malformed values to the dead-letter topic.
    /// Call from one thread at a time, before the batch's records are read and before its offsets are
    /// committed. A batch without undecoded messages is left as it is.
    /// </summary>
    public void Decode(PointBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        for (var i = 0; i < batch.RawCount; i++)
        {
            var (partition, offset, timestamp, origin) = batch.RawPosition(i);
            var outcome = _decoder.Decode(batch.RawValue(i));
            if (outcome.Kind == DecodeKind.Records)
            {
                foreach (var record in _decoder.Decoded)
                {
                    batch.Add(record, partition, offset, origin);
                }

                RecordsDecoded += outcome.Records;
            }
            else
            {
                _deadLetters.Write(outcome.Reason!, Topic, partition, offset, timestamp, outcome.Raw);
                batch.CountDeadLetter();
            }
        }

        batch.ClearRaw();
    }
}
