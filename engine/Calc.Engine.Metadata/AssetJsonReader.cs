using System.Text.Json;
using Calc.Sdk;

namespace Calc.Engine.Metadata;

/// <summary>
/// Reads assets from JSON in the two shapes <c>calc run --assets</c> accepts: an array of
/// <c>{"assetId":…,"modelId":…,"parentId":…,"attributes":{…}}</c> (optionally with <c>"orgId"</c>; <c>parentId</c> optional), or an object
/// mapping asset ids to their attribute objects. Problems carry the file and the JSON path.
/// </summary>
internal static class AssetJsonReader
{
    private static readonly string[] EntryFields = ["assetId", "modelId", "parentId", "orgId", "attributes"];

    public static List<AssetRecord> Read(string path, string text, string org, ProblemList problems)
    {
        var assets = new List<AssetRecord>();
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            problems.Add($"{path}:{(ex.LineNumber ?? 0) + 1}", "not valid JSON: " + ex.Message);
            return assets;
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in root.EnumerateArray())
                {
                    ReadEntry(item, $"{path}: [{i++}]", org, assets, problems);
                }
            }
            else if (root.ValueKind == JsonValueKind.Object)
            {
                foreach (var asset in root.EnumerateObject())
                {
                    var attributes = ReadAttributes(asset.Value, $"{path}: {asset.Name}", problems);
                    assets.Add(new AssetRecord(org, asset.Name, null, attributes));
                }
            }
            else
            {
                problems.Add(path, "expected an array of assets or an object of asset ids");
            }
        }

        return assets;
    }

    private static void ReadEntry(JsonElement item, string at, string org, List<AssetRecord> assets, ProblemList problems)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            problems.Add(at, "expected an object with an assetId");
            return;
        }

        foreach (var field in item.EnumerateObject().Where(f => Array.IndexOf(EntryFields, f.Name) < 0))
        {
            problems.Add($"{at}.{field.Name}", $"unknown field (fields: {string.Join(", ", EntryFields)})");
        }

        var id = Text(item, "assetId", at, problems, required: true);
        var model = Text(item, "modelId", at, problems, required: false);
        var parent = Text(item, "parentId", at, problems, required: false);
        var entryOrg = Text(item, "orgId", at, problems, required: false) ?? org;
        var attributes = item.TryGetProperty("attributes", out var a)
            ? ReadAttributes(a, at + ".attributes", problems)
            : new Dictionary<string, PointValue>(StringComparer.Ordinal);
        if (id is not null)
        {
            assets.Add(new AssetRecord(entryOrg, id, model, attributes, parent));
        }
    }

    private static string? Text(JsonElement item, string name, string at, ProblemList problems, bool required)
    {
        if (!item.TryGetProperty(name, out var value))
        {
            if (required)
            {
                problems.Add($"{at}.{name}", "required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString()!.Length == 0)
        {
            problems.Add($"{at}.{name}", "expected a non-empty string");
            return null;
        }

        return value.GetString();
    }

    private static Dictionary<string, PointValue> ReadAttributes(JsonElement attributes, string at, ProblemList problems)
    {
        var result = new Dictionary<string, PointValue>(StringComparer.Ordinal);
        if (attributes.ValueKind != JsonValueKind.Object)
        {
            problems.Add(at, "expected an object of attributes");
            return result;
        }

        foreach (var attribute in attributes.EnumerateObject())
        {
            if (attribute.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null)
            {
                problems.Add($"{at}.{attribute.Name}", "an attribute is a number, a string or a boolean");
                continue;
            }

            result[attribute.Name] = AttributeJson.FromJson(attribute.Value);
        }

        return result;
    }
}
