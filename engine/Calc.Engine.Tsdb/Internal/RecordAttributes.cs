using System.Text.Json;
using Calc.Sdk;

namespace Calc.Engine.Tsdb.Internal;

/// <summary>
/// Reads what a writer needs from a record's <c>attr</c> in one forward pass: the calculation mode
/// (records read back from Kafka carry it only as <c>attr.calMode</c>) and <c>attr.siteId</c>.
/// </summary>
internal static class RecordAttributes
{
    /// <summary>The record's calMode: its own field when set, else <c>attr.calMode</c>.</summary>
    public static CalMode CalModeOf(in PointRecord record)
    {
        if (record.CalMode != CalMode.None || record.Attr is null)
        {
            return record.CalMode;
        }

        Read(record.Attr, wantSite: false, out var mode, out _);
        return mode;
    }

    /// <summary>calMode (as <see cref="CalModeOf"/>) and the site id, null when absent or empty.</summary>
    public static void Read(in PointRecord record, out CalMode mode, out string? siteId)
    {
        siteId = null;
        mode = record.CalMode;
        if (record.Attr is null)
        {
            return;
        }

        Read(record.Attr, wantSite: true, out var attrMode, out siteId);
        if (mode == CalMode.None)
        {
            mode = attrMode;
        }
    }

    private static void Read(PointAttributes attr, bool wantSite, out CalMode mode, out string? siteId)
    {
        mode = CalMode.None;
        siteId = null;
        var reader = new Utf8JsonReader(attr.Utf8Json.Span);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isMode = reader.ValueTextEquals("calMode"u8);
            var isSite = wantSite && !isMode && reader.ValueTextEquals("siteId"u8);
            reader.Read();
            if (isMode && reader.TokenType == JsonTokenType.String)
            {
                mode = Parse(ref reader);
            }
            else if (isSite)
            {
                siteId = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False =>
                        System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
                    _ => null,
                };
                if (siteId is { Length: 0 })
                {
                    siteId = null;
                }
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static CalMode Parse(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("final"u8))
        {
            return CalMode.Final;
        }

        if (reader.ValueTextEquals("late"u8))
        {
            return CalMode.Late;
        }

        if (reader.ValueTextEquals("early"u8))
        {
            return CalMode.Early;
        }

        return reader.ValueTextEquals("onTime"u8) ? CalMode.OnTime : CalMode.None;
    }
}
