using Calc.Sdk;
using Dapper;

namespace Calc.Engine.Metadata;

public sealed partial class MetadataStore
{
    /// <summary>Writes models in one transaction; a model already stored is replaced with its new point list.</summary>
    public void SaveModels(IReadOnlyList<ModelRecord> models)
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var model in models)
        {
            _connection.Execute("DELETE FROM models WHERE id = $id", new { id = model.Id }, transaction);
            _connection.Execute("INSERT INTO models (id, imported_at) VALUES ($id, $at)", new { id = model.Id, at = Now() }, transaction);
            foreach (var (point, type) in model.Points)
            {
                _connection.Execute(
                    "INSERT INTO model_points (model_id, point_id, type) VALUES ($model, $point, $type)",
                    new { model = model.Id, point, type = PointTypeNames.Name(type) },
                    transaction);
            }
        }

        transaction.Commit();
    }

    /// <summary>Every stored model with its point types, by id.</summary>
    public IReadOnlyList<ModelRecord> Models()
    {
        var ids = _connection.Query<string>("SELECT id FROM models ORDER BY id").ToList();
        var points = _connection.Query<(string Model, string Point, string Type)>("SELECT model_id, point_id, type FROM model_points ORDER BY model_id, point_id")
            .ToLookup(p => p.Model, StringComparer.Ordinal);
        return [.. ids.Select(id => new ModelRecord(id, points[id].ToDictionary(p => p.Point, p => Parse(p.Type), StringComparer.Ordinal)))];
    }

    private static PointType Parse(string name) => PointTypeNames.TryParse(name, out var type) ? type : PointType.Double;
}
