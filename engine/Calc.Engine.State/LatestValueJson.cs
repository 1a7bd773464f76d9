using System.Buffers;
using System.Buffers.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Calc.Engine.Records;
using Calc.Sdk;

namespace Calc.Engine.State;

/// <summary>
/// The value stored for one point in <c>calc:latest:{orgId}:{assetId}</c>: the UTF-8 JSON object
/// <c>{"time":EPOCH_MS,"value":VALUE,"quality":INT}</c>, fields in that order, value a JSON number,
/// string, boolean or null.
/// </summary>
public static class LatestValueJson
{
    // Readable in redis-cli: only what JSON requires is escaped (the values are never embedded in HTML).
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static ReadOnlySpan<byte> TimePrefix => "{\"time\":"u8;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Serialises one latest value.</summary>
    public static byte[] Serialize(long time, PointValue value, int quality)
    {
        // One buffer and writer per thread: the flush serialises every changed field.
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(128);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, WriterOptions);
        writer.Reset(buffer);
        writer.WriteStartObject();
        writer.WriteNumber("time"u8, time);
        writer.WritePropertyName("value"u8);
        PointJsonWriter.WriteValue(writer, value);
        writer.WriteNumber("quality"u8, quality);
        writer.WriteEndObject();
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads the time of a stored value (fast for values Calc wrote, tolerant of any field order).</summary>
    public static bool TryReadTime(ReadOnlySpan<byte> json, out long time)
    {
        if (json.StartsWith(TimePrefix) && Utf8Parser.TryParse(json[TimePrefix.Length..], out time, out _))
        {
            return true;
        }

        time = 0;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isTime = reader.ValueTextEquals("time"u8);
                reader.Read();
                if (isTime)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out time);
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not ours and not JSON: treat as absent.
        }

        return false;
    }

    /// <summary>Parses a stored value.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, out long time, out PointValue value, out int quality)
    {
        time = 0;
        value = PointValue.Null;
        quality = 0;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var hasTime = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueSpan;
                var field = name.SequenceEqual("time"u8) ? 1 : name.SequenceEqual("value"u8) ? 2 : name.SequenceEqual("quality"u8) ? 3 : 0;
                reader.Read();
                switch (field)
                {
                    case 1:
                        hasTime = reader.TryGetInt64(out time);
                        break;
                    case 2 when reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray:
                        reader.Skip();
                        break;
                    case 2:
                        value = reader.TokenType switch
                        {
                            JsonTokenType.Number => PointValue.FromNumber(reader.GetDouble()),
                            JsonTokenType.String => PointValue.FromString(reader.GetString()),
                            JsonTokenType.True => PointValue.FromBool(true),
                            JsonTokenType.False => PointValue.FromBool(false),
                            _ => PointValue.Null,
                        };
                        break;
                    case 3:
                        reader.TryGetInt32(out quality);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            return hasTime;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
