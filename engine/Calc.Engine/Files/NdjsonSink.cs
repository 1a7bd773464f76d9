using System.Buffers;
using System.Text.Json;
using Calc.Engine.Records;
using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Engine.Files;

/// <summary>Writes output records as NDJSON to a stream, buffered.</summary>
public sealed class NdjsonSink : IOutputSink, IDisposable
{
    private const int FlushAt = 1 << 16;
    private readonly Stream _stream;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushAt * 2);
    private readonly Utf8JsonWriter _writer;
    private readonly bool _ownsStream;

    public NdjsonSink(Stream stream, bool ownsStream = true)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public long Written { get; private set; }

    public void Write(in PointRecord record)
    {
        PointJsonWriter.Write(_writer, in record);
        _writer.Flush();
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        _writer.Reset(_buffer);
        Written++;
        if (_buffer.WrittenCount >= FlushAt)
        {
            Drain();
        }
    }

    public void Flush()
    {
        Drain();
        _stream.Flush();
    }

    public void Dispose()
    {
        Flush();
        _writer.Dispose();
        if (_ownsStream)
        {
            _stream.Dispose();
        }
    }

    private void Drain()
    {
        _stream.Write(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
    }
}
