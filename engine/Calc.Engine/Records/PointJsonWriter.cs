using System.Text.Json;
using Calc.Sdk;

namespace Calc.Engine.Records;

/// <summary>Writes point records as SPEC §1 JSON objects; <c>attr.calMode</c> is added for outputs that have one.</summary>
public static class PointJsonWriter
{
    public static void Write(Utf8JsonWriter writer, in PointRecord record)
    {
        writer.WriteStartObject();
        writer.WriteString("orgId"u8, record.OrgId);
        writer.WriteString("modelId"u8, record.ModelId);
        writer.WriteString("assetId"u8, record.AssetId);
        writer.WriteString("pointId"u8, record.PointId);
        writer.WriteNumber("time"u8, record.Time);
        writer.WritePropertyName("value"u8);
        WriteValue(writer, record.Value);
        if (record.Quality != 0)
        {
            writer.WriteNumber("quality"u8, record.Quality);
        }

        WriteAttr(writer, record);
        writer.WriteEndObject();
    }

    public static void WriteValue(Utf8JsonWriter writer, PointValue value)
    {
        switch (value.Kind)
        {
            case PointValueKind.Number:
                writer.WriteNumberValue(value.Number);
                break;
            case PointValueKind.String:
                writer.WriteStringValue(value.Text);
                break;
            case PointValueKind.Bool:
                writer.WriteBooleanValue(value.Bool);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    /// <summary>The SPEC spelling of a calculation mode (<c>early</c>, <c>onTime</c>, <c>final</c>, <c>late</c>).</summary>
    public static string? CalModeName(CalMode mode) => mode switch
    {
        CalMode.Early => "early",
        CalMode.OnTime => "onTime",
        CalMode.Final => "final",
        CalMode.Late => "late",
        _ => null,
    };

    private static void WriteAttr(Utf8JsonWriter writer, in PointRecord record)
    {
        var mode = CalModeName(record.CalMode);
        if (record.Attr is null && mode is null)
        {
            return;
        }

        writer.WritePropertyName("attr"u8);
        writer.WriteStartObject();
        if (record.Attr is not null)
        {
            var reader = new Utf8JsonReader(record.Attr.Utf8Json.Span);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isCalMode = reader.ValueTextEquals("calMode"u8);
                var name = reader.GetString()!;
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                if (isCalMode && mode is not null)
                {
                    continue;
                }

                writer.WritePropertyName(name);
                writer.WriteRawValue(record.Attr.Utf8Json.Span[start..(int)reader.BytesConsumed], skipInputValidation: true);
            }
        }

        if (mode is not null)
        {
            writer.WriteString("calMode"u8, mode);
        }

        writer.WriteEndObject();
    }
}
