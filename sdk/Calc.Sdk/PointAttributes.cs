using System.Text;
using System.Text.Json;

namespace Calc.Sdk;

/// <summary>
/// The <c>attr</c> object of a record, kept as its raw UTF-8 JSON so that carrying it through costs
/// nothing; values are read on demand. Immutable.
/// </summary>
public sealed class PointAttributes
{
    private PointAttributes(ReadOnlyMemory<byte> utf8Object) => Utf8Json = utf8Object;

    /// <summary>The raw JSON object, UTF-8.</summary>
    public ReadOnlyMemory<byte> Utf8Json { get; }

    /// <summary>Wraps a JSON object (the caller guarantees it is one well-formed object).</summary>
    public static PointAttributes FromUtf8(ReadOnlyMemory<byte> utf8Object) => new(utf8Object);

    /// <summary>Parses and validates a JSON object.</summary>
    /// <exception cref="JsonException">The text is not a JSON object.</exception>
    public static PointAttributes Parse(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        using var doc = JsonDocument.Parse(bytes);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("attr must be a JSON object");
        }

        return new PointAttributes(bytes);
    }

    /// <summary>Reads a top-level attribute as a string (numbers and booleans as their JSON text).</summary>
    public bool TryGetString(string name, out string? value)
    {
        if (TryFind(name, out var element) && element.ValueKind != JsonValueKind.Null)
        {
            value = element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>Reads a top-level attribute as a point value (objects and arrays are not values).</summary>
    public bool TryGetValue(string name, out PointValue value)
    {
        value = PointValue.Null;
        if (!TryFind(name, out var element))
        {
            return false;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                value = PointValue.FromNumber(element.GetDouble());
                return true;
            case JsonValueKind.String:
                value = PointValue.FromString(element.GetString());
                return true;
            case JsonValueKind.True:
            case JsonValueKind.False:
                value = PointValue.FromBool(element.GetBoolean());
                return true;
            case JsonValueKind.Null:
                return true;
            default:
                return false;
        }
    }

    /// <summary>A copy with one top-level property set to a raw JSON value (replacing it if present).</summary>
    public PointAttributes With(string name, string rawJsonValue)
    {
        using var doc = JsonDocument.Parse(Utf8Json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (!property.NameEquals(name))
                {
                    property.WriteTo(writer);
                }
            }

            writer.WritePropertyName(name);
            writer.WriteRawValue(rawJsonValue);
            writer.WriteEndObject();
        }

        return new PointAttributes(buffer.ToArray());
    }

    /// <summary>The JSON text.</summary>
    public override string ToString() => Encoding.UTF8.GetString(Utf8Json.Span);

    private bool TryFind(string name, out JsonElement element)
    {
        using var doc = JsonDocument.Parse(Utf8Json);
        if (doc.RootElement.TryGetProperty(name, out var found))
        {
            element = found.Clone();
            return true;
        }

        element = default;
        return false;
    }
}
