using System.Text.Json;
using Calc.Sdk;
using Dapper;

namespace Calc.Engine.Metadata;

public sealed partial class MetadataStore
{
    /// <summary>Records an installed pack version (replacing the row of the same id and version).</summary>
    public void SavePack(PluginManifest manifest, string folder, bool builtIn)
    {
        _connection.Execute(
            """
            INSERT INTO packs (id, version, sdk, folder, builtin, installed_at, manifest)
            VALUES ($id, $version, $sdk, $folder, $builtin, $at, $manifest)
            ON CONFLICT (id, version) DO UPDATE SET sdk = excluded.sdk, folder = excluded.folder,
                builtin = excluded.builtin, installed_at = excluded.installed_at, manifest = excluded.manifest
            """,
            new
            {
                id = manifest.Id,
                version = manifest.Version,
                sdk = manifest.SdkVersion,
                folder,
                builtin = builtIn ? 1 : 0,
                at = Now(),
                manifest = JsonSerializer.Serialize(manifest),
            });
    }

    /// <summary>Every installed pack version, by id then version.</summary>
    public IReadOnlyList<PackRecord> Packs()
    {
        var rows = _connection.Query<(string Id, string Version, string Sdk, string Folder, long BuiltIn, string At, string Manifest)>(
            "SELECT id, version, sdk, folder, builtin, installed_at, manifest FROM packs");
        return [.. rows
            .Select(r => new PackRecord(r.Id, r.Version, r.Sdk, r.Folder, r.BuiltIn != 0, ParseTime(r.At), OperatorsOf(r.Manifest)))
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .ThenBy(p => p.ParsedVersion)];
    }

    /// <summary>Forgets a pack version; true when it was recorded.</summary>
    public bool DeletePack(string id, string version) =>
        _connection.Execute("DELETE FROM packs WHERE id = $id AND version = $version", new { id, version }) > 0;

    private static List<string> OperatorsOf(string manifest)
    {
        try
        {
            return JsonSerializer.Deserialize<PluginManifest>(manifest)?.Operators.Select(o => o.Id).ToList() ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
