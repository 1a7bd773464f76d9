using System.Text;
using System.Text.Json;

namespace Calc.Engine.State.Internal;

/// <summary>
/// Finds the parts of an operator state that concern one asset and/or point, whatever the operator's
/// layout: a property named after the id (or <c>model::id</c> for points), or an object whose
/// <c>assetId</c>/<c>pointId</c> is the id. The outermost match is reported with its JSON path.
/// </summary>
internal static class StateJsonFilter
{
    public static List<(string Path, JsonElement Value)> Find(JsonElement root, string? assetId, string? pointId)
    {
        var results = new List<(string, JsonElement)>();
        if (assetId is null)
        {
            Walk(root, "$", pointId!, isPoint: true, results);
            return results;
        }

        var assets = new List<(string, JsonElement)>();
        Walk(root, "$", assetId, isPoint: false, assets);
        if (pointId is null)
        {
            return assets;
        }

        foreach (var (path, value) in assets)
        {
            if (Matches(value, pointId, isPoint: true))
            {
                results.Add((path, value));
                continue;
            }

            WalkChildren(value, path, pointId, isPoint: true, results);
        }

        return results;
    }

    private static void Walk(JsonElement node, string path, string id, bool isPoint, List<(string, JsonElement)> results)
    {
        if (Matches(node, id, isPoint))
        {
            results.Add((path, node));
            return;
        }

        WalkChildren(node, path, id, isPoint, results);
    }

    private static void WalkChildren(JsonElement node, string path, string id, bool isPoint, List<(string, JsonElement)> results)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in node.EnumerateObject())
            {
                var childPath = Append(path, property.Name);
                if (NameMatches(property.Name, id, isPoint))
                {
                    results.Add((childPath, property.Value));
                }
                else
                {
                    Walk(property.Value, childPath, id, isPoint, results);
                }
            }
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in node.EnumerateArray())
            {
                Walk(item, $"{path}[{i++}]", id, isPoint, results);
            }
        }
    }

    private static bool Matches(JsonElement node, string id, bool isPoint) =>
        node.ValueKind == JsonValueKind.Object
        && node.TryGetProperty(isPoint ? "pointId" : "assetId", out var value)
        && value.ValueKind == JsonValueKind.String
        && NameMatches(value.GetString()!, id, isPoint);

    private static bool NameMatches(string name, string id, bool isPoint) =>
        string.Equals(name, id, StringComparison.Ordinal)
        || (isPoint && name.EndsWith("::" + id, StringComparison.Ordinal));

    private static string Append(string path, string name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                var escaped = new StringBuilder(name).Replace("\\", "\\\\").Replace("'", "\\'");
                return $"{path}['{escaped}']";
            }
        }

        return $"{path}.{name}";
    }
}
