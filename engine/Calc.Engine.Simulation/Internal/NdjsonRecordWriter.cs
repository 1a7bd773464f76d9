using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Calc.Sdk;

namespace Calc.Engine.Simulation.Internal;

/// <summary>
/// Writes point records as NDJSON in the SPEC §1 shape (the same fields, order and number format as the engine's
/// writer: quality only when non-zero, attr as its raw JSON). The identifying head of a line
/// (<c>{"orgId":..,"modelId":..,"assetId":..,"pointId":..,"time":</c>) is encoded once per series and reused, which
/// makes writing a benchmark file several times faster than a JSON writer per field.
/// </summary>
internal sealed class NdjsonRecordWriter : IDisposable
{
    private const int FlushThreshold = 1 << 16;
    private readonly Stream _stream;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushThreshold * 2);
    private readonly Utf8JsonWriter _json;
    private readonly Dictionary<(string Org, string Model, string Asset, string Point), byte[]> _heads = [];

    public NdjsonRecordWriter(Stream stream)
    {
        _stream = stream;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
    }

    public long BytesWritten { get; private set; }

    public void Write(in PointRecord record)
    {
        Append(Head(record));
        Append(record.Time);
        Append(",\"value\":"u8);
        if (record.Value.Kind == PointValueKind.Number)
        {
            Append(record.Value.Number);
        }
        else
        {
            _json.Reset(_buffer);
            WriteOtherValue(record.Value);
            _json.Flush();
        }

        if (record.Quality != 0)
        {
            Append(",\"quality\":"u8);
            Append(record.Quality);
        }

        if (record.Attr is not null)
        {
            Append(",\"attr\":"u8);
            Append(record.Attr.Utf8Json.Span);
        }

        Append("}\n"u8);
        if (_buffer.WrittenCount >= FlushThreshold)
        {
            FlushBuffer();
        }
    }

    public void Dispose()
    {
        FlushBuffer();
        _stream.Flush();
        _json.Dispose();
    }

    private byte[] Head(in PointRecord record)
    {
        var key = (record.OrgId, record.ModelId, record.AssetId, record.PointId);
        if (!_heads.TryGetValue(key, out var head))
        {
            var buffer = new ArrayBufferWriter<byte>(128);
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("orgId"u8, record.OrgId);
                json.WriteString("modelId"u8, record.ModelId);
                json.WriteString("assetId"u8, record.AssetId);
                json.WriteString("pointId"u8, record.PointId);
                json.WriteNumber("time"u8, 0);
            }

            // Keep everything up to and including `"time":`; the time itself is written per record.
            head = buffer.WrittenSpan[..^1].ToArray();
            _heads.Add(key, head);
        }

        return head;
    }

    private void WriteOtherValue(PointValue value)
    {
        switch (value.Kind)
        {
            case PointValueKind.String:
                _json.WriteStringValue(value.Text);
                break;
            case PointValueKind.Bool:
                _json.WriteBooleanValue(value.Bool);
                break;
            default:
                _json.WriteNullValue();
                break;
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.GetSpan(bytes.Length));
        _buffer.Advance(bytes.Length);
    }

    private void Append<T>(T number)
        where T : IUtf8SpanFormattable
    {
        var span = _buffer.GetSpan(32);
        if (!number.TryFormat(span, out var written, default, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("a number did not fit in 32 bytes");
        }

        _buffer.Advance(written);
    }

    private void FlushBuffer()
    {
        _stream.Write(_buffer.WrittenSpan);
        BytesWritten += _buffer.WrittenCount;
        _buffer.ResetWrittenCount();
    }
}
