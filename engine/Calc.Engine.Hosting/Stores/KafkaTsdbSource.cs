using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Calc.Engine.Records;
using Calc.Engine.Tsdb;
using Calc.Sdk;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Calc.Engine.Hosting.Stores;

/// <summary>
/// The Kafka output topic as a <see cref="ITsdbBatchSource"/> for <c>calc sink tsdb</c>: a consumer
/// thread reads records into batches (up to <c>maxBatch</c> records, or what arrived within 200 ms)
/// and commits, between polls, the offsets of the batches the writer loop reported acknowledged
/// (<see cref="Commit"/> only queues them: the consumer is used by its own thread only). Auto-commit
/// is off, so an unacknowledged batch is read again after a restart. At most a few batches are read
/// ahead: while the database is down the backlog stays in Kafka.
/// </summary>
internal sealed class KafkaTsdbSource : ITsdbBatchSource, IDisposable
{
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(500);

    private readonly IConsumer<Ignore, byte[]> _consumer;
    private readonly Channel<TsdbBatch> _batches = Channel.CreateBounded<TsdbBatch>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
    private readonly ConcurrentQueue<Dictionary<TopicPartition, long>> _acknowledged = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly PointJsonReader _reader = new();
    private readonly int _maxBatch;
    private readonly TimeSpan? _idleExit;
    private readonly Thread _thread;
    private readonly string _topic;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private long _read;
    private long _skipped;
    private long _committed;
    private string? _waiting;

    public KafkaTsdbSource(ConsumerConfig config, string topic, TimeSpan? idleExit, ILogger? logger = null, TimeProvider? time = null, int maxBatch = TsdbQueueSource.DefaultMaxBatchSize)
    {
        _topic = topic;
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        var copy = new ConsumerConfig(config.ToDictionary(kv => kv.Key, kv => kv.Value)) { EnableAutoCommit = false };
        copy.AutoOffsetReset ??= AutoOffsetReset.Earliest;
        // A topic that does not exist yet (no job produced to it) is created on subscribe where the broker allows it.
        copy.AllowAutoCreateTopics ??= true;
        _consumer = new ConsumerBuilder<Ignore, byte[]>(copy).Build();
        _consumer.Subscribe(topic);
        _maxBatch = maxBatch;
        _idleExit = idleExit;
        _thread = new Thread(Consume) { IsBackground = true, Name = "calc-sink-tsdb" };
        _thread.Start();
    }

    /// <summary>Messages read.</summary>
    public long Read => Interlocked.Read(ref _read);

    /// <summary>Messages that were not point records (left out).</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Offset commits made.</summary>
    public long Committed => Interlocked.Read(ref _committed);

    /// <summary>The consumer failed (a fatal Kafka error); the loop ends.</summary>
    public Exception? Error { get; private set; }

    /// <summary>The last Kafka error the consumer waited through (the topic not there yet, a broker away), null once it reads again.</summary>
    public string? Waiting => Volatile.Read(ref _waiting);

    /// <summary>The last Kafka error seen (also one waited through), and when; null before any.</summary>
    public (string Message, DateTimeOffset At)? LastError { get; private set; }

    /// <summary>When the writer last reported a batch acknowledged by the database; null before the first.</summary>
    public DateTimeOffset? LastAcknowledgedAt { get; private set; }

    public async ValueTask<TsdbBatch?> NextAsync(CancellationToken ct)
    {
        while (await _batches.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            if (_batches.Reader.TryRead(out var batch))
            {
                return batch;
            }
        }

        return null;
    }

    public void Commit(TsdbBatch batch)
    {
        LastAcknowledgedAt = _time.GetUtcNow();
        _acknowledged.Enqueue((Dictionary<TopicPartition, long>)batch.Position!);
    }

    /// <summary>Stops the consumer thread after committing every acknowledged batch, and leaves the group.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        CommitAcknowledged();
        _consumer.Close();
        _consumer.Dispose();
        _stop.Dispose();
    }

    private void Consume()
    {
        var records = new List<PointRecord>();
        var offsets = new Dictionary<TopicPartition, long>();
        var batchAge = new Stopwatch();
        var idle = Stopwatch.StartNew();
        var ended = false;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                CommitAcknowledged();
                if (ended)
                {
                    _stop.Token.WaitHandle.WaitOne(50);
                    continue;
                }

                if (!TryConsume(out var result))
                {
                    continue;
                }

                if (result?.Message is { } message)
                {
                    Volatile.Write(ref _waiting, null);
                    idle.Restart();
                    Interlocked.Increment(ref _read);
                    if (message.Value is { } value && _reader.TryRead(value, out var record).Ok)
                    {
                        records.Add(record);
                    }
                    else
                    {
                        Interlocked.Increment(ref _skipped);
                    }

                    offsets[result.TopicPartition] = result.Offset.Value + 1;
                    if (!batchAge.IsRunning)
                    {
                        batchAge.Restart();
                    }
                }

                if (offsets.Count > 0 && (records.Count >= _maxBatch || batchAge.Elapsed >= Linger))
                {
                    Hand(new TsdbBatch(records, offsets));
                    records = [];
                    offsets = [];
                    batchAge.Reset();
                }
                else if (offsets.Count == 0 && _idleExit is { } limit && idle.Elapsed >= limit)
                {
                    _batches.Writer.TryComplete();
                    ended = true;
                }
            }
        }
        catch (Exception ex) when (ex is KafkaException or OperationCanceledException)
        {
            Error = ex is OperationCanceledException ? null : ex;
            if (Error is not null)
            {
                LastError = (ex.Message, _time.GetUtcNow());
                KafkaTsdbSourceLog.Failed(_logger, _topic, ex.Message);
            }
        }
        finally
        {
            _batches.Writer.TryComplete(Error);
        }
    }

    /// <summary>
    /// One poll. A Kafka error that is not fatal (the subscribed topic does not exist yet, a broker is
    /// away) is waited through: it is logged once per distinct message, kept for the writer's health, and
    /// the consumer polls again after a pause; only a fatal error ends the source.
    /// </summary>
    private bool TryConsume(out ConsumeResult<Ignore, byte[]>? result)
    {
        try
        {
            result = _consumer.Consume(TimeSpan.FromMilliseconds(100));
            return true;
        }
        catch (ConsumeException ex) when (!ex.Error.IsFatal)
        {
            result = null;
            var message = ex.Error.Reason;
            LastError = (message, _time.GetUtcNow());
            if (Interlocked.Exchange(ref _waiting, message) != message)
            {
                KafkaTsdbSourceLog.Waiting(_logger, _topic, message);
            }

            _stop.Token.WaitHandle.WaitOne(RetryPause);
            return false;
        }
    }

    /// <summary>Waits for room in the read-ahead (the writer is slow or the database down), committing meanwhile.</summary>
    private void Hand(TsdbBatch batch)
    {
        while (!_batches.Writer.TryWrite(batch))
        {
            CommitAcknowledged();
            _stop.Token.WaitHandle.WaitOne(20);
            _stop.Token.ThrowIfCancellationRequested();
        }
    }

    private void CommitAcknowledged()
    {
        if (_acknowledged.IsEmpty)
        {
            return;
        }

        var merged = new Dictionary<TopicPartition, long>();
        while (_acknowledged.TryDequeue(out var offsets))
        {
            foreach (var (partition, next) in offsets)
            {
                merged[partition] = next;
            }
        }

        try
        {
            _consumer.Commit(merged.Select(p => new TopicPartitionOffset(p.Key, p.Value)));
            Interlocked.Increment(ref _committed);
        }
        catch (KafkaException)
        {
            // A partition moved to another member (rebalance): its next owner reads those records again; upserts converge.
        }
    }
}
