using System.Buffers.Binary;

namespace Calc.Engine.Kafka;

/// <summary>
/// Where a re-keyed record was first read: the partition of the input topic and its position there (the
/// message's offset and the record's index within a multi-point message). The lane that owns the record's
/// group drops a record whose position it has already passed for that partition: a forwarder that
/// crashed after producing and before committing makes its successor produce it again.
/// </summary>
/// <param name="Partition">Partition of the input topic.</param>
/// <param name="Position">Offset × 65,536 + index of the record in its message + 1 (0, the default, for none).</param>
public readonly record struct RecordOrigin(int Partition, long Position)
{
    /// <summary>Records in one message that a position can tell apart.</summary>
    public const int MaxRecordsPerMessage = 65_536;

    /// <summary>A record read from its own topic (not re-keyed).</summary>
    public static RecordOrigin None => default;

    /// <summary>True when the record came through a repartition topic.</summary>
    public bool IsSet => Position > 0;

    /// <summary>The origin of record <paramref name="index"/> of the message at <paramref name="offset"/>.</summary>
    public static RecordOrigin Of(int partition, long offset, int index) => new(partition, (offset * MaxRecordsPerMessage) + index + 1);

    /// <summary>The header value: partition (4 bytes) and position (8 bytes), big-endian.</summary>
    public byte[] ToHeader()
    {
        var bytes = new byte[12];
        BinaryPrimitives.WriteInt32BigEndian(bytes, Partition);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(4), Position);
        return bytes;
    }

    /// <summary>Reads a header value; <see cref="None"/> when it is not 12 bytes.</summary>
    public static RecordOrigin FromHeader(ReadOnlySpan<byte> header) =>
        header.Length == 12 ? new(BinaryPrimitives.ReadInt32BigEndian(header), BinaryPrimitives.ReadInt64BigEndian(header[4..])) : None;
}
