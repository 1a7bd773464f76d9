using System.Text.Json;
using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Engine.Files;

/// <summary>
/// Reads asset master data from JSON: an array of <c>{"assetId":…,"modelId":…,"parentId":…,"attributes":{…}}</c>
/// (<c>parentId</c>, optional, is the asset's parent in the hierarchy),
/// or an object mapping asset ids to their attribute objects.
/// </summary>
public static class AssetFile
{
    public static AssetDirectory Load(string path, ProblemList problems)
    {
        var directory = new AssetDirectory();
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            problems.Add(path, "cannot read the assets file: " + ex.Message);
            return directory;
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in root.EnumerateArray())
                {
                    ReadEntry(item, $"[{i++}]", directory, problems);
                }
            }
            else if (root.ValueKind == JsonValueKind.Object)
            {
                foreach (var asset in root.EnumerateObject())
                {
                    ReadAttributes(asset.Name, asset.Value, asset.Name, directory, problems);
                }
            }
            else
            {
                problems.Add(path, "expected an array of assets or an object of asset ids");
            }
        }

        return directory;
    }

    private static void ReadEntry(JsonElement item, string path, AssetDirectory directory, ProblemList problems)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("assetId", out var id) || id.ValueKind != JsonValueKind.String)
        {
            problems.Add(path, "expected an object with an assetId");
            return;
        }

        if (item.TryGetProperty("attributes", out var attributes))
        {
            ReadAttributes(id.GetString()!, attributes, path + ".attributes", directory, problems);
        }

        if (item.TryGetProperty("modelId", out var model) && model.ValueKind == JsonValueKind.String)
        {
            directory.Set(id.GetString()!, "modelId", PointValue.FromString(model.GetString()));
        }

        if (item.TryGetProperty("parentId", out var parent))
        {
            if (parent.ValueKind == JsonValueKind.String && parent.GetString()!.Length > 0)
            {
                directory.SetParent(id.GetString()!, parent.GetString()!);
            }
            else if (parent.ValueKind != JsonValueKind.Null)
            {
                problems.Add(path + ".parentId", "expected the parent's asset id (a non-empty string)");
            }
        }
    }

    private static void ReadAttributes(string assetId, JsonElement attributes, string path, AssetDirectory directory, ProblemList problems)
    {
        if (attributes.ValueKind != JsonValueKind.Object)
        {
            problems.Add(path, "expected an object of attributes");
            return;
        }

        foreach (var attribute in attributes.EnumerateObject())
        {
            var value = attribute.Value.ValueKind switch
            {
                JsonValueKind.Number => PointValue.FromNumber(attribute.Value.GetDouble()),
                JsonValueKind.String => PointValue.FromString(attribute.Value.GetString()),
                JsonValueKind.True or JsonValueKind.False => PointValue.FromBool(attribute.Value.GetBoolean()),
                _ => PointValue.Null,
            };
            directory.Set(assetId, attribute.Name, value);
        }
    }
}
