using System.Text;
using System.Text.Json;
using Calc.Sdk;

namespace Calc.Engine.Metadata;

/// <summary>Attributes to and from the JSON object stored in <c>assets.attributes</c>.</summary>
internal static class AttributeJson
{
    public static string Write(IReadOnlyDictionary<string, PointValue> attributes)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(name);
                switch (value.Kind)
                {
                    case PointValueKind.Number:
                        writer.WriteNumberValue(value.Number);
                        break;
                    case PointValueKind.Bool:
                        writer.WriteBooleanValue(value.Bool);
                        break;
                    case PointValueKind.String:
                        writer.WriteStringValue(value.Text);
                        break;
                    default:
                        writer.WriteNullValue();
                        break;
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static Dictionary<string, PointValue> Read(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var attributes = new Dictionary<string, PointValue>(StringComparer.Ordinal);
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            attributes[property.Name] = FromJson(property.Value);
        }

        return attributes;
    }

    public static PointValue FromJson(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => PointValue.FromNumber(value.GetDouble()),
        JsonValueKind.String => PointValue.FromString(value.GetString()),
        JsonValueKind.True or JsonValueKind.False => PointValue.FromBool(value.GetBoolean()),
        _ => PointValue.Null,
    };
}
