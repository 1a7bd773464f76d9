using Dapper;

namespace Calc.Engine.Metadata;

public sealed partial class MetadataStore
{
    /// <summary>Writes assets in one transaction (an asset already stored for the same org and id is replaced); all or nothing.</summary>
    public void SaveAssets(IReadOnlyList<AssetRecord> assets)
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var asset in assets)
        {
            _connection.Execute(
                """
                INSERT INTO assets (org, id, model, attributes, parent) VALUES ($org, $id, $model, $attributes, $parent)
                ON CONFLICT (org, id) DO UPDATE SET model = excluded.model, attributes = excluded.attributes, parent = excluded.parent
                """,
                new { org = asset.Org, id = asset.Id, model = asset.Model, attributes = AttributeJson.Write(asset.Attributes), parent = asset.Parent },
                transaction);
        }

        transaction.Commit();
    }

    /// <summary>
    /// Stored assets by org then id; only those of <paramref name="model"/> when given, and only those of
    /// <paramref name="org"/> or of no org (empty) when given.
    /// </summary>
    public IReadOnlyList<AssetRecord> Assets(string? model = null, string? org = null)
    {
        var rows = _connection.Query<(string Org, string Id, string? Model, string Attributes, string? Parent)>(
            """
            SELECT org, id, model, attributes, parent FROM assets
            WHERE ($model IS NULL OR model = $model) AND ($org IS NULL OR org = $org OR org = '')
            ORDER BY org, id
            """,
            new { model, org });
        return [.. rows.Select(r => new AssetRecord(r.Org, r.Id, r.Model, AttributeJson.Read(r.Attributes), r.Parent))];
    }
}
