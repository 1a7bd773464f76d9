using Dapper;
using Microsoft.Data.Sqlite;

namespace Calc.Engine.Metadata;

/// <summary>
/// The store's schema, versioned in code: numbered steps applied in order when the store opens, each
/// in its own transaction together with the new <c>PRAGMA user_version</c>, so a database is always at
/// exactly one version. Steps are never edited once released; a change is a new step.
/// </summary>
public static class MetadataMigrations
{
    /// <summary>The steps: index 0 migrates version 0 (empty) to 1, index 1 migrates 1 to 2, and so on.</summary>
    internal static readonly string[] Steps =
    [
        // 1: packs, jobs with versions and the operators they use, assets with their attributes.
        """
        CREATE TABLE packs (
            id TEXT NOT NULL, version TEXT NOT NULL, sdk TEXT NOT NULL, folder TEXT NOT NULL,
            builtin INTEGER NOT NULL DEFAULT 0, installed_at TEXT NOT NULL, manifest TEXT NOT NULL,
            PRIMARY KEY (id, version));
        CREATE TABLE jobs (
            id TEXT NOT NULL, version INTEGER NOT NULL, json TEXT NOT NULL, created_at TEXT NOT NULL,
            PRIMARY KEY (id, version));
        CREATE TABLE job_operators (
            job_id TEXT NOT NULL, operator_id TEXT NOT NULL, PRIMARY KEY (job_id, operator_id));
        CREATE TABLE assets (
            org TEXT NOT NULL, id TEXT NOT NULL, model TEXT, attributes TEXT NOT NULL,
            PRIMARY KEY (org, id));
        """,

        // 2: models and the declared types of their points.
        """
        CREATE TABLE models (id TEXT NOT NULL PRIMARY KEY, imported_at TEXT NOT NULL);
        CREATE TABLE model_points (
            model_id TEXT NOT NULL REFERENCES models(id) ON DELETE CASCADE, point_id TEXT NOT NULL,
            type TEXT NOT NULL CHECK (type IN ('double', 'long', 'bool', 'string')),
            PRIMARY KEY (model_id, point_id));
        CREATE INDEX assets_model ON assets (model);
        """,

        // 3: jobs an admin stopped in calc serve (POST /jobs/{id}/stop), which stay stopped across restarts.
        """
        CREATE TABLE job_stops (job_id TEXT NOT NULL PRIMARY KEY, stopped_at TEXT NOT NULL);
        """,

        // 4: the asset hierarchy: each asset's parent (a site, a feeder), for group templates and rules.
        """
        ALTER TABLE assets ADD COLUMN parent TEXT;
        CREATE INDEX assets_parent ON assets (org, parent);
        """,

        // 5: API tokens of calc serve (only the SHA-256 of each secret is kept) and the audit of changes made with them.
        """
        CREATE TABLE api_tokens (
            id TEXT NOT NULL PRIMARY KEY, name TEXT NOT NULL, org TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('viewer', 'engineer', 'admin')),
            hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, expires_at TEXT, revoked_at TEXT);
        CREATE TABLE audit (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, token TEXT NOT NULL, org TEXT,
            action TEXT NOT NULL, target TEXT NOT NULL, detail TEXT NOT NULL);
        CREATE TABLE job_version_authors (
            job_id TEXT NOT NULL, version INTEGER NOT NULL, author TEXT NOT NULL, PRIMARY KEY (job_id, version));
        """,

        // 6: a replay asked of a served job (POST /jobs/{id}/replay, PUT ?recomputeFrom), kept until its first checkpoint so that a restart redoes it.
        """
        CREATE TABLE job_replays (
            job_id TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL, from_ms INTEGER NOT NULL, to_ms INTEGER,
            requested_at TEXT NOT NULL, requested_by TEXT NOT NULL);
        """,
    ];

    /// <summary>The schema version this build of Calc writes.</summary>
    public static int Latest => Steps.Length;

    /// <summary>The schema version of an open database.</summary>
    public static int VersionOf(SqliteConnection connection) => connection.ExecuteScalar<int>("PRAGMA user_version");

    /// <summary>Applies the steps after the database's version, up to <paramref name="target"/> (default: the latest).</summary>
    /// <exception cref="InvalidOperationException">The database is newer than this build of Calc.</exception>
    public static void Apply(SqliteConnection connection, int? target = null)
    {
        var to = target ?? Latest;
        var current = VersionOf(connection);
        if (current > Latest)
        {
            throw new InvalidOperationException(
                $"the metadata database has schema version {current}, newer than this Calc knows ({Latest}): update Calc or use another data directory");
        }

        for (var version = current + 1; version <= to; version++)
        {
            using var transaction = connection.BeginTransaction();
            connection.Execute(Steps[version - 1], transaction: transaction);
            connection.Execute($"PRAGMA user_version = {version}", transaction: transaction);
            transaction.Commit();
        }
    }
}
