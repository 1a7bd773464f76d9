using System.Globalization;
using System.Text.Json;
using Calc.Sdk;

namespace Calc.Engine.Kafka.Internal;

/// <summary>
/// Reads the multi-point device payload
/// <c>{"orgId","modelId","assetId","time","points":{"A":1.2,"B":{"value":3.4,"quality":9}},"attr":{...}}</c>
/// into one point record per entry of <c>points</c> (same org, model, asset, time and attr). The field rules
/// are SPEC §1's; one bad point rejects the whole message (its good points are not emitted half-way).
/// </summary>
internal sealed class MultiPointReader
{
    public enum Outcome
    {
        NotMultiPoint,
        Ok,
        Invalid,
    }

    private bool _sawPoints;

    public (Outcome Kind, string? Reason) TryRead(ReadOnlySpan<byte> utf8, List<PointRecord> output)
    {
        _sawPoints = false;
        var before = output.Count;
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            // Not text: the single-record reader's reason (with the byte position) says why.
            return (Outcome.NotMultiPoint, null);
        }

        try
        {
            var result = Read(utf8, output);
            if (result.Kind != Outcome.Ok)
            {
                output.RemoveRange(before, output.Count - before);
            }

            return result;
        }
        catch (JsonException)
        {
            // Not JSON at all: the single-record reader's reason says why.
            output.RemoveRange(before, output.Count - before);
            return (Outcome.NotMultiPoint, null);
        }
        catch (InvalidOperationException ex) when (_sawPoints)
        {
            // A string holding a lone surrogate escape ("\ud800") cannot be decoded: the message is rejected.
            output.RemoveRange(before, output.Count - before);
            var cut = ex.Message.IndexOf(". ", StringComparison.Ordinal);
            return (Outcome.Invalid, "multi-point payload: a string is not valid text: " + (cut > 0 ? ex.Message[..cut] : ex.Message));
        }
        catch (InvalidOperationException)
        {
            // Failed before any points: the single-record reader's reason (which names the field) says why.
            output.RemoveRange(before, output.Count - before);
            return (Outcome.NotMultiPoint, null);
        }
    }

    private (Outcome Kind, string? Reason) Read(ReadOnlySpan<byte> utf8, List<PointRecord> output)
    {
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return (Outcome.NotMultiPoint, null);
        }

        string? orgId = null, modelId = null, assetId = null, timeError = null, attrError = null;
        long? time = null;
        PointAttributes? attr = null;
        (int Start, int End)? points = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            switch (name)
            {
                case "orgId":
                    orgId = Id(ref reader);
                    break;
                case "modelId":
                    modelId = Id(ref reader);
                    break;
                case "assetId":
                    assetId = Id(ref reader);
                    break;
                case "time":
                    timeError = ReadTime(ref reader, out var t);
                    time = timeError is null ? t : null;
                    break;
                case "points":
                    _sawPoints = true;
                    reader.Skip();
                    points = (start, (int)reader.BytesConsumed);
                    break;
                case "attr" when reader.TokenType == JsonTokenType.StartObject:
                    Calc.Engine.Records.PointJsonReader.SkipCheckingText(ref reader);
                    attr = PointAttributes.FromUtf8(utf8[start..(int)reader.BytesConsumed].ToArray());
                    break;
                case "attr":
                    attrError = reader.TokenType == JsonTokenType.Null ? null : "attr must be a JSON object";
                    reader.Skip();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (points is null)
        {
            return (Outcome.NotMultiPoint, null);
        }

        var missing = orgId is null ? "orgId must be a non-empty string"
            : modelId is null ? "modelId must be a non-empty string"
            : assetId is null ? "assetId must be a non-empty string"
            : time is null ? timeError ?? "missing required field time"
            : attrError;
        if (missing is not null)
        {
            return (Outcome.Invalid, "multi-point payload: " + missing);
        }

        var template = new PointRecord { OrgId = orgId!, ModelId = modelId!, AssetId = assetId!, PointId = "", Time = time!.Value, Attr = attr };
        var error = ReadPoints(utf8[points.Value.Start..points.Value.End], template, output);
        return error is null ? (Outcome.Ok, null) : (Outcome.Invalid, "multi-point payload: " + error);
    }

    private static string? ReadPoints(ReadOnlySpan<byte> utf8, PointRecord template, List<PointRecord> output)
    {
        var reader = new Utf8JsonReader(utf8);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return "points must be an object of pointId to value";
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var pointId = reader.GetString()!;
            if (pointId.Length == 0)
            {
                return "points: a point id must be a non-empty string";
            }

            reader.Read();
            var quality = 0;
            PointValue value;
            string? error;
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                error = ReadPointObject(ref reader, out value, out quality);
            }
            else
            {
                error = ReadValue(ref reader, out value);
            }

            if (error is not null)
            {
                return $"points.{pointId}: {error}";
            }

            output.Add(template with { PointId = pointId, Value = value, Quality = quality });
        }

        return null;
    }

    private static string? ReadPointObject(ref Utf8JsonReader reader, out PointValue value, out int quality)
    {
        value = PointValue.Null;
        quality = 0;
        var hasValue = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.GetString();
            reader.Read();
            if (field == "value")
            {
                var error = ReadValue(ref reader, out value);
                if (error is not null)
                {
                    return error;
                }

                hasValue = true;
            }
            else if (field == "quality")
            {
                if (reader.TokenType != JsonTokenType.Null
                    && (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out quality)))
                {
                    return "quality must be an integer";
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return hasValue ? null : "missing required field value";
    }

    private static string? Id(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        var id = reader.GetString();
        return string.IsNullOrEmpty(id) ? null : id;
    }

    private static string? ReadValue(ref Utf8JsonReader reader, out PointValue value)
    {
        value = PointValue.Null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (!reader.TryGetDouble(out var d) || !double.IsFinite(d))
                {
                    return "value is not a usable number";
                }

                value = PointValue.FromNumber(d);
                return null;
            case JsonTokenType.String:
                value = PointValue.FromString(reader.GetString());
                return null;
            case JsonTokenType.True or JsonTokenType.False:
                value = PointValue.FromBool(reader.TokenType == JsonTokenType.True);
                return null;
            case JsonTokenType.Null:
                return null;
            default:
                return "value must be a number, string, boolean or null";
        }
    }

    private static string? ReadTime(ref Utf8JsonReader reader, out long time)
    {
        time = 0;
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetInt64(out time) ? null : "time must be an integer of epoch milliseconds";
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString()!;
            var t = text.IndexOf('T', StringComparison.Ordinal);
            var hasOffset = t > 0 && (text.EndsWith('Z') || text.EndsWith('z') || text.AsSpan(t).LastIndexOfAny('+', '-') > 0);
            if (hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dto))
            {
                time = dto.ToUnixTimeMilliseconds();
                return null;
            }

            return $"time '{text}' is not epoch milliseconds nor an ISO-8601 time with an offset";
        }

        reader.Skip();
        return "time must be epoch milliseconds (integer) or an ISO-8601 string with offset";
    }
}
