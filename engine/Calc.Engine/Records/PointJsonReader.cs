using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Calc.Sdk;

namespace Calc.Engine.Records;

/// <summary>
/// Reads one point record (docs/jobs.md, "Point records") from UTF-8 JSON with a forward-only reader. Strings that repeat
/// (org, model, asset and point ids) are interned per reader so steady-state parsing allocates only
/// for string values and attributes.
/// </summary>
public sealed partial class PointJsonReader
{
    private readonly StringPool _pool = new();
    private readonly RecentValue<string>[] _recentIds = [new(), new(), new(), new(), new()];
    private readonly RecentValue<PointAttributes> _recentAttr = new();

    /// <summary>The deepest nesting of arrays and objects a record may have (an <c>attr</c> object included).</summary>
    public const int MaxDepth = 32;

    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = MaxDepth };

    private Field _field;

    /// <summary>
    /// Parses one JSON object. On failure <paramref name="record"/> is default and the result says why. Never
    /// throws for any input: bytes that are not UTF-8, a <c>\u</c> escape that is a lone surrogate, truncations,
    /// nesting deeper than <see cref="MaxDepth"/>, numbers out of range — each is a failure with its reason.
    /// </summary>
    public ParseResult TryRead(ReadOnlySpan<byte> utf8, out PointRecord record)
    {
        record = default;
        var invalidAt = InvalidUtf8At(utf8);
        if (invalidAt >= 0)
        {
            // Checked up front: a decoder would otherwise repair an id into U+FFFD and merge two devices.
            return ParseResult.Fail($"invalid UTF-8 at byte {invalidAt + 1}: a record must be UTF-8 text");
        }

        _field = Field.Unknown;
        try
        {
            return Read(utf8, out record);
        }
        catch (InvalidOperationException ex)
        {
            // UTF-8 was checked above, so this is System.Text.Json refusing a lone surrogate escape ("\ud800").
            record = default;
            return ParseResult.Fail($"{FieldName(_field)} is not valid text: a \\u escape is a lone surrogate ({FirstSentence(ex.Message)})");
        }
        catch (JsonException ex)
        {
            record = default;
            if (utf8.IndexOf("NaN"u8) >= 0 || utf8.IndexOf("Infinity"u8) >= 0)
            {
                return ParseResult.Fail("NaN and Infinity are not JSON numbers: send null or leave the record out");
            }

            return ParseResult.Fail($"invalid JSON at byte {(ex.BytePositionInLine ?? 0) + 1}: {FirstSentence(ex.Message)}");
        }
    }

    private ParseResult Read(ReadOnlySpan<byte> utf8, out PointRecord record)
    {
        record = default;
        var reader = new Utf8JsonReader(utf8, Options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return ParseResult.Fail("invalid JSON: a point record must be a JSON object");
        }

        string? orgId = null, modelId = null, assetId = null, pointId = null;
        long? time = null;
        var value = PointValue.Null;
        var hasValue = false;
        var quality = 0;
        PointAttributes? attr = null;

        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            _field = Field.Unknown;
            var field = PropertyOf(ref reader);
            _field = field;
            reader.Read();
            switch (field)
            {
                case Field.OrgId:
                    if (!TryId(ref reader, field, out orgId))
                    {
                        return ParseResult.Fail("orgId must be a non-empty string");
                    }

                    break;
                case Field.ModelId:
                    if (!TryId(ref reader, field, out modelId))
                    {
                        return ParseResult.Fail("modelId must be a non-empty string");
                    }

                    break;
                case Field.AssetId:
                    if (!TryId(ref reader, field, out assetId))
                    {
                        return ParseResult.Fail("assetId must be a non-empty string");
                    }

                    break;
                case Field.PointId:
                    if (!TryId(ref reader, field, out pointId))
                    {
                        return ParseResult.Fail("pointId must be a non-empty string");
                    }

                    break;
                case Field.Time:
                    var timeError = ReadTime(ref reader, out var t);
                    if (timeError is not null)
                    {
                        return ParseResult.Fail(timeError);
                    }

                    time = t;
                    break;
                case Field.Value:
                    var valueError = ReadValue(ref reader, out value);
                    if (valueError is not null)
                    {
                        return ParseResult.Fail(valueError);
                    }

                    hasValue = true;
                    break;
                case Field.Quality:
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        quality = 0;
                    }
                    else if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out quality))
                    {
                        return ParseResult.Fail("quality must be an integer");
                    }

                    break;
                case Field.Attr:
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        break;
                    }

                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        return ParseResult.Fail("attr must be a JSON object");
                    }

                    var start = (int)reader.TokenStartIndex;
                    SkipCheckingText(ref reader);
                    var raw = utf8[start..(int)reader.BytesConsumed];
                    if (!_recentAttr.TryGet(raw, out attr))
                    {
                        attr = PointAttributes.FromUtf8(raw.ToArray());
                        _recentAttr.Set(raw, attr);
                    }

                    break;
                default:
                    // Unknown fields of a record are tolerated (devices add their own); they are not carried.
                    reader.Skip();
                    break;
            }
        }

        if (reader.Read())
        {
            return ParseResult.Fail("invalid JSON: more than one value on the line");
        }

        var missing = Missing(orgId, modelId, assetId, pointId, time, hasValue);
        if (missing is not null)
        {
            return ParseResult.Fail(missing);
        }

        record = new PointRecord
        {
            OrgId = orgId!,
            ModelId = modelId!,
            AssetId = assetId!,
            PointId = pointId!,
            Time = time!.Value,
            Value = value,
            Quality = quality,
            Attr = attr,
        };
        return ParseResult.Success;
    }

    private static string FieldName(Field field) => field switch
    {
        Field.OrgId => "orgId",
        Field.ModelId => "modelId",
        Field.AssetId => "assetId",
        Field.PointId => "pointId",
        Field.Time => "time",
        Field.Value => "value",
        Field.Quality => "quality",
        Field.Attr => "attr",
        _ => "a field name",
    };

    private static string? Missing(string? orgId, string? modelId, string? assetId, string? pointId, long? time, bool hasValue)
    {
        if (orgId is null)
        {
            return "missing required field orgId";
        }

        if (modelId is null)
        {
            return "missing required field modelId";
        }

        if (assetId is null)
        {
            return "missing required field assetId";
        }

        if (pointId is null)
        {
            return "missing required field pointId";
        }

        if (time is null)
        {
            return "missing required field time";
        }

        return hasValue ? null : "missing required field value";
    }

    private bool TryId(ref Utf8JsonReader reader, Field field, out string? id)
    {
        id = null;
        if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length == 0)
        {
            return false;
        }

        if (reader.ValueIsEscaped)
        {
            id = _pool.Get(reader.GetString()!);
            return id.Length > 0;
        }

        var recent = _recentIds[(int)field];
        if (!recent.TryGet(reader.ValueSpan, out id))
        {
            id = _pool.Get(reader.ValueSpan);
            recent.Set(reader.ValueSpan, id);
        }

        return true;
    }

    private static string? ReadTime(ref Utf8JsonReader reader, out long time)
    {
        time = 0;
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt64(out time))
            {
                return null;
            }

            return "time must be an integer of epoch milliseconds";
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString();
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dto)
                && HasOffset(text!))
            {
                time = dto.ToUnixTimeMilliseconds();
                return null;
            }

            return $"time '{text}' is not epoch milliseconds nor an ISO-8601 time with an offset";
        }

        return "time must be epoch milliseconds (integer) or an ISO-8601 string with offset";
    }

    private static bool HasOffset(string text)
    {
        var tIndex = text.IndexOf('T', StringComparison.Ordinal);
        if (tIndex < 0)
        {
            return false;
        }

        var tail = text.AsSpan(tIndex);
        return tail.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || tail.LastIndexOfAny('+', '-') > 0;
    }

    private static string? ReadValue(ref Utf8JsonReader reader, out PointValue value)
    {
        value = PointValue.Null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (!reader.TryGetDouble(out var d))
                {
                    return "value is not a usable number";
                }

                if (!double.IsFinite(d))
                {
                    return "value is out of range for a double";
                }

                value = PointValue.FromNumber(d);
                return null;
            case JsonTokenType.String:
                value = PointValue.FromString(reader.GetString());
                return null;
            case JsonTokenType.True:
                value = PointValue.FromBool(true);
                return null;
            case JsonTokenType.False:
                value = PointValue.FromBool(false);
                return null;
            case JsonTokenType.Null:
                return null;
            default:
                return "value must be a number, string, boolean or null";
        }
    }

    private static Field PropertyOf(ref Utf8JsonReader reader)
    {
        var name = reader.ValueSpan;
        if (reader.ValueIsEscaped)
        {
            return NameOf(Encoding.UTF8.GetBytes(reader.GetString()!));
        }

        return NameOf(name);
    }

    private static Field NameOf(ReadOnlySpan<byte> name) => name.Length switch
    {
        4 when name.SequenceEqual("time"u8) => Field.Time,
        4 when name.SequenceEqual("attr"u8) => Field.Attr,
        5 when name.SequenceEqual("orgId"u8) => Field.OrgId,
        5 when name.SequenceEqual("value"u8) => Field.Value,
        7 when name.SequenceEqual("modelId"u8) => Field.ModelId,
        7 when name.SequenceEqual("assetId"u8) => Field.AssetId,
        7 when name.SequenceEqual("pointId"u8) => Field.PointId,
        7 when name.SequenceEqual("quality"u8) => Field.Quality,
        _ => Field.Unknown,
    };

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        cut = text.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? text[..cut] : text).TrimEnd('.', ' ');
    }

    private enum Field
    {
        Unknown,
        OrgId,
        ModelId,
        AssetId,
        PointId,
        Time,
        Value,
        Quality,
        Attr,
    }
}
