using System.Text.Json;
using Calc.Sdk;

namespace Calc.Engine.Metadata;

/// <summary>
/// <c>calc model import FILE</c>: a JSON array of <c>{"modelId":"inverter","points":{"ENERGY_DAY":"double","STATE":"long"}}</c>;
/// types are <c>double long bool string</c>. Written in one transaction only when the whole file is valid.
/// </summary>
public static class ModelImport
{
    public static int? Import(MetadataStore store, string path, ProblemList problems)
    {
        var models = Read(path, problems);
        if (models is null)
        {
            return null;
        }

        store.SaveModels(models);
        return models.Count;
    }

    public static IReadOnlyList<ModelRecord>? Read(string path, ProblemList problems)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            problems.Add(path, "cannot read the models file: " + ex.Message);
            return null;
        }

        var before = problems.Items.Count;
        var models = new List<ModelRecord>();
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                problems.Add(path, "expected an array of {\"modelId\":…,\"points\":{…}}");
                return null;
            }

            var i = 0;
            foreach (var item in doc.RootElement.EnumerateArray())
            {
                ReadModel(item, $"{path}: [{i++}]", models, problems);
            }
        }

        foreach (var twice in models.GroupBy(m => m.Id).Where(g => g.Count() > 1))
        {
            problems.Add(path, $"model '{twice.Key}' is listed twice");
        }

        return problems.Items.Count == before ? models : null;
    }

    private static void ReadModel(JsonElement item, string at, List<ModelRecord> models, ProblemList problems)
    {
        if (item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty("modelId", out var id) || id.ValueKind != JsonValueKind.String || id.GetString()!.Length == 0)
        {
            problems.Add(at + ".modelId", "required: a non-empty string");
            return;
        }

        foreach (var field in item.EnumerateObject().Where(f => f.Name is not ("modelId" or "points")))
        {
            problems.Add($"{at}.{field.Name}", "unknown field (fields: modelId, points)");
        }

        var points = new Dictionary<string, PointType>(StringComparer.Ordinal);
        if (!item.TryGetProperty("points", out var list) || list.ValueKind != JsonValueKind.Object)
        {
            problems.Add(at + ".points", "required: an object of point ids and their types");
            return;
        }

        foreach (var point in list.EnumerateObject())
        {
            if (point.Value.ValueKind == JsonValueKind.String && PointTypeNames.TryParse(point.Value.GetString(), out var type))
            {
                points[point.Name] = type;
            }
            else
            {
                problems.Add($"{at}.points.{point.Name}", $"expected one of {string.Join(", ", PointTypeNames.All)}");
            }
        }

        models.Add(new ModelRecord(id.GetString()!, points));
    }
}
