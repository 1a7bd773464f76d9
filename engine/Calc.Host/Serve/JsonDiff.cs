using System.Text.Json.Nodes;

namespace Calc.Host.Serve;

/// <summary>A short diff of two job documents: one line per changed value, with its JSON path (<c>settings.window: "1h" → "30m"</c>).</summary>
internal static class JsonDiff
{
    private const int MaxLines = 20;

    /// <summary>Stands for a property one side does not have.</summary>
    private static readonly JsonValue Missing = JsonValue.Create("\u0000missing")!;

    public static List<string> Of(string? before, string after)
    {
        if (before is null)
        {
            return ["(first version)"];
        }

        var lines = new List<string>();
        Compare(JsonNode.Parse(before), JsonNode.Parse(after), "", lines);
        if (lines.Count > MaxLines)
        {
            var more = lines.Count - MaxLines;
            lines.RemoveRange(MaxLines, more);
            lines.Add($"… {more} more change(s)");
        }

        return lines;
    }

    private static void Compare(JsonNode? a, JsonNode? b, string path, List<string> lines)
    {
        if (a is JsonObject oa && b is JsonObject ob)
        {
            foreach (var (key, value) in oa)
            {
                Compare(value, ob.TryGetPropertyValue(key, out var other) ? other : Missing, Join(path, key), lines);
            }

            foreach (var (key, value) in ob)
            {
                if (!oa.ContainsKey(key))
                {
                    Compare(Missing, value, Join(path, key), lines);
                }
            }

            return;
        }

        if (a is JsonArray aa && b is JsonArray ab && aa.Count == ab.Count)
        {
            for (var i = 0; i < aa.Count; i++)
            {
                Compare(aa[i], ab[i], $"{path}[{i}]", lines);
            }

            return;
        }

        if (!JsonNode.DeepEquals(a, b))
        {
            lines.Add($"{(path.Length == 0 ? "(document)" : path)}: {Show(a)} → {Show(b)}");
        }
    }

    private static string Show(JsonNode? node) => ReferenceEquals(node, Missing) ? "(absent)" : node?.ToJsonString() ?? "null";

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;
}
