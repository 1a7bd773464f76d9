using System.Text;
using Calc.Engine.Records;
using Calc.Sdk;
using Confluent.Kafka;

namespace Calc.Engine.Kafka.Internal;

/// <summary>
/// Confluent value deserializer that decodes a message straight from librdkafka's buffer into point
/// records (no intermediate byte[] for good messages). Runs inside <c>Consume</c>, on the thread that
/// drives the source, so its buffer needs no locking.
/// </summary>
internal sealed class PointMessageDecoder(string? jobId) : IDeserializer<DecodeOutcome>
{
    private readonly PointJsonReader _reader = new();
    private readonly MultiPointReader _multi = new();
    private readonly byte[]? _jobId = jobId is null ? null : Encoding.UTF8.GetBytes(jobId);

    /// <summary>Records decoded from the last message.</summary>
    public List<PointRecord> Decoded { get; } = [];

    /// <summary>With deferred decoding, the batch being filled: message values are only copied into it.</summary>
    public PointBatch? DeferInto { get; set; }

    /// <summary>The <see cref="CalcKafkaHeaders.Origin"/> of the last message given to <see cref="Deserialize"/>.</summary>
    public RecordOrigin LastOrigin { get; private set; } = RecordOrigin.None;

    public DecodeOutcome Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
    {
        LastOrigin = context.Headers is not null && context.Headers.TryGetLastBytes(CalcKafkaHeaders.Origin, out var origin)
            ? RecordOrigin.FromHeader(origin)
            : RecordOrigin.None;

        if (_jobId is not null && context.Headers is not null
            && context.Headers.TryGetLastBytes(CalcKafkaHeaders.Job, out var producer)
            && producer.AsSpan().SequenceEqual(_jobId))
        {
            return DecodeOutcome.OwnJob;
        }

        if (DeferInto is { } batch)
        {
            // Everything else, dead letters included, happens where the batch is decoded.
            batch.CopyRaw(data);
            return DecodeOutcome.Deferred;
        }

        return isNull ? DecodeOutcome.Malformed("empty message value: expected a JSON point record", null) : Decode(data);
    }

    /// <summary>Decodes one message value into <see cref="Decoded"/>.</summary>
    public DecodeOutcome Decode(ReadOnlySpan<byte> data)
    {
        Decoded.Clear();
        if (data.IsEmpty)
        {
            return DecodeOutcome.Malformed("empty message value: expected a JSON point record", []);
        }

        var single = _reader.TryRead(data, out var record);
        if (single.Ok)
        {
            Decoded.Add(record);
            return DecodeOutcome.Ok(1);
        }

        var multi = _multi.TryRead(data, Decoded);
        return multi.Kind switch
        {
            MultiPointReader.Outcome.Ok => DecodeOutcome.Ok(Decoded.Count),
            MultiPointReader.Outcome.Invalid => DecodeOutcome.Malformed(multi.Reason!, data.ToArray()),
            _ => DecodeOutcome.Malformed(single.Reason!, data.ToArray()),
        };
    }
}
