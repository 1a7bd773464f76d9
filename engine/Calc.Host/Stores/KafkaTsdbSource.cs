using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Calc.Engine.Records;
using Calc.Engine.Tsdb;
using Calc.Sdk;
using Confluent.Kafka;

namespace Calc.Host.Stores;

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

    private readonly IConsumer<Ignore, byte[]> _consumer;
    private readonly Channel<TsdbBatch> _batches = Channel.CreateBounded<TsdbBatch>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
    private readonly ConcurrentQueue<Dictionary<TopicPartition, long>> _acknowledged = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly PointJsonReader _reader = new();
    private readonly int _maxBatch;
    private readonly TimeSpan? _idleExit;
    private readonly Thread _thread;
    private long _read;
    private long _skipped;
    private long _committed;

    public KafkaTsdbSource(ConsumerConfig config, string topic, TimeSpan? idleExit, int maxBatch = TsdbQueueSource.DefaultMaxBatchSize)
    {
        var copy = new ConsumerConfig(config.ToDictionary(kv => kv.Key, kv => kv.Value)) { EnableAutoCommit = false };
        copy.AutoOffsetReset ??= AutoOffsetReset.Earliest;
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

    public void Commit(TsdbBatch batch) => _acknowledged.Enqueue((Dictionary<TopicPartition, long>)batch.Position!);

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

                var result = _consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (result?.Message is { } message)
                {
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
        }
        finally
        {
            _batches.Writer.TryComplete(Error);
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
