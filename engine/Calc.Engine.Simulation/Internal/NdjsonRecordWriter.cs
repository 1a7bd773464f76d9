using System.Buffers;
using System.Text.Json;
using Calc.Sdk;

namespace Calc.Engine.Simulation.Internal;

/// <summary>
/// Writes point records as NDJSON in the SPEC §1 shape (the same fields and order as the engine's writer:
/// quality only when non-zero, attr as its raw JSON). One JSON writer is reset per line so that each line
/// is its own top-level value.
/// </summary>
internal sealed class NdjsonRecordWriter : IDisposable
{
    private const int FlushThreshold = 1 << 16;
    private readonly Stream _stream;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushThreshold * 2);
    private readonly Utf8JsonWriter _json;

    public NdjsonRecordWriter(Stream stream)
    {
        _stream = stream;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
    }

    public long BytesWritten { get; private set; }

    public void Write(in PointRecord record)
    {
        _json.Reset(_buffer);
        _json.WriteStartObject();
        _json.WriteString("orgId"u8, record.OrgId);
        _json.WriteString("modelId"u8, record.ModelId);
        _json.WriteString("assetId"u8, record.AssetId);
        _json.WriteString("pointId"u8, record.PointId);
        _json.WriteNumber("time"u8, record.Time);
        _json.WritePropertyName("value"u8);
        WriteValue(record.Value);
        if (record.Quality != 0)
        {
            _json.WriteNumber("quality"u8, record.Quality);
        }

        if (record.Attr is not null)
        {
            _json.WritePropertyName("attr"u8);
            _json.WriteRawValue(record.Attr.Utf8Json.Span, skipInputValidation: true);
        }

        _json.WriteEndObject();
        _json.Flush();
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
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

    private void WriteValue(PointValue value)
    {
        switch (value.Kind)
        {
            case PointValueKind.Number:
                _json.WriteNumberValue(value.Number);
                break;
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

    private void FlushBuffer()
    {
        _stream.Write(_buffer.WrittenSpan);
        BytesWritten += _buffer.WrittenCount;
        _buffer.ResetWrittenCount();
    }
}
