using Calc.Sdk;
using Confluent.Kafka;

namespace Calc.Engine.Kafka;

/// <summary>
/// A reusable batch filled by <see cref="KafkaPointSource.TryConsumeBatch"/>: the decoded records with their
/// positions, and per partition the offset to commit once every output derived from them is acknowledged.
/// Not thread-safe; owned by the thread that drives the source.
/// </summary>
public sealed class PointBatch
{
    private readonly Dictionary<int, long> _nextByPartition = [];
    private readonly Dictionary<TopicPartition, long> _nextOffsets = [];
    private readonly Dictionary<int, TopicPartition> _partitions = [];
    private SourcedPoint[] _records;
    private bool _nextOffsetsStale;
    private byte[] _arena = new byte[64 * 1024];
    private int _arenaUsed;
    private RawMessage[] _raw = new RawMessage[256];
    private int _rawStart = -1;

    /// <summary>Creates an empty batch.</summary>
    /// <param name="capacity">Initial record capacity; the batch grows as needed.</param>
    public PointBatch(int capacity = 1024) => _records = new SourcedPoint[Math.Max(capacity, 16)];

    /// <summary>Number of records.</summary>
    public int Count { get; private set; }

    /// <summary>The records, in consumption order (per partition: offset order).</summary>
    public ReadOnlySpan<SourcedPoint> Records => _records.AsSpan(0, Count);

    /// <summary>
    /// Per partition, the offset after the last message this batch consumed (records, dead-lettered and
    /// skipped messages alike): what to pass to <see cref="KafkaPointSource.Commit"/> once done.
    /// </summary>
    public IReadOnlyDictionary<TopicPartition, long> NextOffsets
    {
        get
        {
            if (_nextOffsetsStale)
            {
                // Kept per partition number while filling (no per-message TopicPartition); keyed here.
                _nextOffsets.Clear();
                foreach (var (partition, next) in _nextByPartition)
                {
                    _nextOffsets[PartitionOf(partition)] = next;
                }

                _nextOffsetsStale = false;
            }

            return _nextOffsets;
        }
    }

    /// <summary>The topic the batch is filled from (set by the source).</summary>
    internal string Topic { get; set; } = "";

    /// <summary>Kafka messages consumed into this batch.</summary>
    public int Messages { get; private set; }

    /// <summary>Messages that were not point records and went to the dead-letter topic.</summary>
    public int DeadLettered { get; private set; }

    /// <summary>Messages skipped because this job produced them (<see cref="CalcKafkaHeaders.Job"/>).</summary>
    public int SkippedOwnJob { get; private set; }

    /// <summary>
    /// The earliest Kafka message timestamp (Unix ms) among the messages of this batch; <see cref="long.MaxValue"/>
    /// when none had one. Kept while filling (one comparison per message) for the processing-latency metric.
    /// </summary>
    public long OldestTimestampMs { get; private set; } = long.MaxValue;

    /// <summary>True when there is nothing to process and nothing to commit.</summary>
    public bool IsEmpty => _nextByPartition.Count == 0;

    /// <summary>Messages copied but not yet decoded (deferred decoding).</summary>
    internal int RawCount { get; private set; }

    /// <summary>Empties the batch (the source does this at the start of every fill).</summary>
    public void Clear()
    {
        ClearRaw();
        Array.Clear(_records, 0, Count);
        Count = 0;
        Messages = 0;
        DeadLettered = 0;
        SkippedOwnJob = 0;
        OldestTimestampMs = long.MaxValue;
        _nextByPartition.Clear();
        _nextOffsets.Clear();
        _nextOffsetsStale = false;
    }

    /// <summary>Merges <see cref="NextOffsets"/> into <paramref name="pending"/>, keeping the larger offset per partition.</summary>
    public void MergeNextOffsetsInto(IDictionary<TopicPartition, long> pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        foreach (var (partition, next) in NextOffsets)
        {
            if (!pending.TryGetValue(partition, out var existing) || existing < next)
            {
                pending[partition] = next;
            }
        }
    }

    internal void Add(in PointRecord record, int partition, long offset, RecordOrigin origin = default)
    {
        if (Count == _records.Length)
        {
            Array.Resize(ref _records, _records.Length * 2);
        }

        _records[Count++] = new SourcedPoint(record, partition, offset, origin);
    }

    internal void Consumed(int partition, long offset, bool deadLettered, bool skipped)
    {
        Messages++;
        DeadLettered += deadLettered ? 1 : 0;
        SkippedOwnJob += skipped ? 1 : 0;
        _nextByPartition[partition] = offset + 1;
        _nextOffsetsStale = true;
    }

    /// <summary>Copies a message value (deferred decoding); <see cref="AddRaw"/> then gives its position.</summary>
    internal void CopyRaw(ReadOnlySpan<byte> value)
    {
        if (_arenaUsed + value.Length > _arena.Length)
        {
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaUsed + value.Length));
        }

        value.CopyTo(_arena.AsSpan(_arenaUsed));
        _rawStart = _arenaUsed;
        _arenaUsed += value.Length;
    }

    internal void AddRaw(int partition, long offset, Timestamp timestamp, RecordOrigin origin)
    {
        if (RawCount == _raw.Length)
        {
            Array.Resize(ref _raw, _raw.Length * 2);
        }

        _raw[RawCount++] = new RawMessage(partition, offset, timestamp, _rawStart, _arenaUsed - _rawStart, origin);
        if (timestamp.Type != TimestampType.NotAvailable && timestamp.UnixTimestampMs < OldestTimestampMs)
        {
            OldestTimestampMs = timestamp.UnixTimestampMs;
        }
    }

    internal (int Partition, long Offset, Timestamp Timestamp, RecordOrigin Origin) RawPosition(int index) =>
        (_raw[index].Partition, _raw[index].Offset, _raw[index].Timestamp, _raw[index].Origin);

    internal ReadOnlySpan<byte> RawValue(int index) => _arena.AsSpan(_raw[index].Start, _raw[index].Length);

    internal void CountDeadLetter() => DeadLettered++;

    internal void ClearRaw()
    {
        RawCount = 0;
        _arenaUsed = 0;
        _rawStart = -1;
    }

    private TopicPartition PartitionOf(int partition)
    {
        if (!_partitions.TryGetValue(partition, out var key) || !string.Equals(key.Topic, Topic, StringComparison.Ordinal))
        {
            key = new TopicPartition(Topic, new Partition(partition));
            _partitions[partition] = key;
        }

        return key;
    }

    /// <summary>Drops what came from revoked partitions: it is re-read by their next owner.</summary>
    internal void DropPartitions(IReadOnlyList<TopicPartition> revoked, string topic)
    {
        var kept = 0;
        for (var i = 0; i < Count; i++)
        {
            if (!Contains(revoked, topic, _records[i].Partition))
            {
                _records[kept++] = _records[i];
            }
        }

        Array.Clear(_records, kept, Count - kept);
        Count = kept;
        var keptRaw = 0;
        for (var i = 0; i < RawCount; i++)
        {
            if (!Contains(revoked, topic, _raw[i].Partition))
            {
                _raw[keptRaw++] = _raw[i];
            }
        }

        RawCount = keptRaw;
        foreach (var partition in revoked)
        {
            if (string.Equals(partition.Topic, topic, StringComparison.Ordinal))
            {
                _nextByPartition.Remove(partition.Partition.Value);
                _nextOffsetsStale = true;
            }
        }
    }

    private static bool Contains(IReadOnlyList<TopicPartition> partitions, string topic, int partition)
    {
        foreach (var p in partitions)
        {
            if (p.Partition.Value == partition && string.Equals(p.Topic, topic, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private readonly record struct RawMessage(int Partition, long Offset, Timestamp Timestamp, int Start, int Length, RecordOrigin Origin);
}
