using System.Text.Json;

namespace Calc.Host.Serve;

/// <summary>
/// The body of <c>POST /test</c> and <c>POST /jobs/{id}/test</c>: <c>{"job":{…},"records":[…]}</c>
/// (a record is a point object, or a string holding a raw line, so that malformed lines can be tried),
/// or NDJSON point records (only for a stored job).
/// </summary>
internal sealed record TestRequest(string? JobJson, IReadOnlyList<string> Lines)
{
    /// <summary>The request, or null with the reason in <paramref name="error"/>.</summary>
    public static TestRequest? Parse(string body, out string? error)
    {
        error = null;
        JsonDocument? doc = null;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            // Not one JSON document: NDJSON lines.
        }

        using (doc)
        {
            var root = doc?.RootElement;
            if (root is { ValueKind: JsonValueKind.Object } obj && (obj.TryGetProperty("records", out _) || obj.TryGetProperty("job", out _)))
            {
                return FromObject(obj, out error);
            }
        }

        return new TestRequest(null, body.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList());
    }

    private static TestRequest? FromObject(JsonElement root, out string? error)
    {
        error = null;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name is not ("job" or "records"))
            {
                error = $"unknown field '{property.Name}': send {{\"job\":{{…}},\"records\":[…]}}";
                return null;
            }
        }

        if (!root.TryGetProperty("records", out var records) || records.ValueKind != JsonValueKind.Array)
        {
            error = "'records' must be an array of point records (objects, or strings holding raw lines)";
            return null;
        }

        var lines = new List<string>();
        foreach (var record in records.EnumerateArray())
        {
            lines.Add(record.ValueKind == JsonValueKind.String ? record.GetString()!.ReplaceLineEndings(" ") : record.GetRawText().ReplaceLineEndings(" "));
        }

        string? job = root.TryGetProperty("job", out var j) ? j.GetRawText() : null;
        return new TestRequest(job, lines);
    }
}
