using System.Text;
using Calc.Engine.Files;
using Calc.Engine.Records;
using Calc.Engine.Runtime;
using Calc.Sdk;
using Confluent.Kafka;

namespace Calc.Engine.Kafka;

/// <summary>
/// Puts NDJSON point records into a topic as live data arrives there: each line is checked with the
/// engine's own reader (a line that is not a point record goes to the rejected file with its line
/// number and reason), then produced unchanged, keyed by its <c>assetId</c> so that an asset's records
/// stay in order in one partition. Optionally paced to a rate (on a <see cref="TimeProvider"/>).
/// </summary>
public sealed class PointFileProducer(ProducerConfig config, string topic, RejectedWriter rejected) : NdjsonLineReader.ILineHandler, IDisposable
{
    private readonly IProducer<byte[], byte[]> _producer = new ProducerBuilder<byte[], byte[]>(config).Build();
    private readonly PointJsonReader _reader = new();
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);
    private Pacer? _pacer;
    private CancellationToken _cancellation;
    private long _failed;
    private string? _firstError;

    /// <summary>Records per second, or null for as fast as the broker takes them.</summary>
    public double? Rate { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Called with the counts every <see cref="ProgressEvery"/> produced records.</summary>
    public Action<long, long>? Progress { get; init; }

    public long ProgressEvery { get; init; } = 100_000;

    public long Produced { get; private set; }

    public long Rejected { get; private set; }

    /// <summary>Records the broker did not take (after librdkafka's own retries).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    public string? FirstError => _firstError;

    /// <summary>Reads and produces everything, then waits until the broker acknowledged it all.</summary>
    public void Run(Stream input, CancellationToken cancellation)
    {
        _cancellation = cancellation;
        _pacer = Rate is { } rate ? new Pacer(rate, Time) : null;
        NdjsonLineReader.ReadAll(input, this, cancellation);
        while (_producer.Flush(TimeSpan.FromSeconds(1)) > 0)
        {
            cancellation.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// Produces records that are already point records (read back from a store, not from a file), keyed by asset
    /// and paced like lines, then waits until the broker acknowledged them all.
    /// </summary>
    public void Run(IEnumerable<PointRecord> records, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(records);
        _cancellation = cancellation;
        _pacer = Rate is { } rate ? new Pacer(rate, Time) : null;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using var writer = new System.Text.Json.Utf8JsonWriter(buffer);
        foreach (var record in records)
        {
            cancellation.ThrowIfCancellationRequested();
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            PointJsonWriter.Write(writer, record);
            writer.Flush();
            _pacer?.Wait(Produced, _cancellation);
            ProduceOne(KeyOf(record.AssetId), buffer.WrittenSpan.ToArray());
            if (++Produced % ProgressEvery == 0)
            {
                Progress?.Invoke(Produced, Rejected);
            }
        }

        while (_producer.Flush(TimeSpan.FromSeconds(1)) > 0)
        {
            cancellation.ThrowIfCancellationRequested();
        }
    }

    public void OnLine(ReadOnlySpan<byte> line, long lineNumber)
    {
        if (line.Trim(" \t"u8).IsEmpty)
        {
            return;
        }

        var result = _reader.TryRead(line, out var record);
        if (!result.Ok)
        {
            Rejected++;
            rejected.Write(lineNumber, result.Reason!, line);
            return;
        }

        _pacer?.Wait(Produced, _cancellation);
        ProduceOne(KeyOf(record.AssetId), line.ToArray());
        if (++Produced % ProgressEvery == 0)
        {
            Progress?.Invoke(Produced, Rejected);
        }
    }

    public void Dispose() => _producer.Dispose();

    private byte[] KeyOf(string assetId)
    {
        if (!_keys.TryGetValue(assetId, out var key))
        {
            key = Encoding.UTF8.GetBytes(assetId);
            if (_keys.Count < 100_000)
            {
                _keys[assetId] = key;
            }
        }

        return key;
    }

    private void ProduceOne(byte[] key, byte[] value)
    {
        while (true)
        {
            try
            {
                _producer.Produce(topic, new Message<byte[], byte[]> { Key = key, Value = value }, Delivered);
                return;
            }
            catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                _producer.Poll(TimeSpan.FromMilliseconds(100));
                _cancellation.ThrowIfCancellationRequested();
            }
        }
    }

    private void Delivered(DeliveryReport<byte[], byte[]> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.Increment(ref _failed);
            Interlocked.CompareExchange(ref _firstError, report.Error.Reason, null);
        }
    }

    /// <summary>Holds record n back until n / rate seconds after the first (fake time in tests).</summary>
    internal sealed class Pacer(double rate, TimeProvider time)
    {
        private readonly long _start = time.GetTimestamp();

        public void Wait(long n, CancellationToken cancellation)
        {
            var due = TimeSpan.FromSeconds(n / rate);
            var elapsed = time.GetElapsedTime(_start);
            if (due > elapsed)
            {
                Task.Delay(due - elapsed, time, cancellation).GetAwaiter().GetResult();
            }
        }
    }
}
