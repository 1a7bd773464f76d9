using Dapper;

namespace Calc.Engine.Metadata;

public sealed partial class MetadataStore
{
    /// <summary>Records who saved a job version (a token's name); versions saved by <c>calc job save</c> have none.</summary>
    public void SetJobAuthor(string id, int version, string author) =>
        _connection.Execute(
            "INSERT INTO job_version_authors (job_id, version, author) VALUES ($id, $version, $author) ON CONFLICT (job_id, version) DO UPDATE SET author = excluded.author",
            new { id, version, author });

    /// <summary>Every version of a job, oldest first, with who saved it (null when unknown).</summary>
    public IReadOnlyList<(JobVersion Version, string? Author)> JobHistory(string id) =>
        [.. _connection.Query<(string Id, long Version, string Json, string At, string? Author)>(
            """
            SELECT j.id, j.version, j.json, j.created_at, a.author FROM jobs j
            LEFT JOIN job_version_authors a ON a.job_id = j.id AND a.version = j.version
            WHERE j.id = $id ORDER BY j.version
            """, new { id })
            .Select(r => (ToJob((r.Id, r.Version, r.Json, r.At)), r.Author))];
}
