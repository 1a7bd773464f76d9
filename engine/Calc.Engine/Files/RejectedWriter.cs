using System.Text;
using System.Text.Json;

namespace Calc.Engine.Files;

/// <summary>Writes rejected lines as NDJSON objects <c>{"line":…,"reason":…,"raw":…}</c>.</summary>
public sealed class RejectedWriter(Stream stream) : IDisposable
{
    private readonly Utf8JsonWriter _writer = new(stream, new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public long Count { get; private set; }

    public void Write(long line, string reason, ReadOnlySpan<byte> raw)
    {
        _writer.WriteStartObject();
        _writer.WriteNumber("line"u8, line);
        _writer.WriteString("reason"u8, reason);
        _writer.WriteString("raw"u8, Encoding.UTF8.GetString(raw));
        _writer.WriteEndObject();
        _writer.Flush();
        stream.WriteByte((byte)'\n');
        _writer.Reset(stream);
        Count++;
    }

    public void Dispose()
    {
        _writer.Flush();
        _writer.Dispose();
        stream.Dispose();
    }
}
