using Dapper;
using Microsoft.Data.Sqlite;

namespace Calc.Engine.Tsdb.Internal;

/// <summary>
/// The embedded store's tables. <c>series</c> names each (org, model, asset, point) once; <c>points</c>
/// holds one row per (series, time), clustered by that key (WITHOUT ROWID), so a write of the same
/// series and time replaces the row. <c>kind</c> is the <see cref="Calc.Sdk.PointValueKind"/>; numbers
/// and booleans (1/0) are stored as REAL in <c>value</c>, strings as TEXT, null as NULL.
/// </summary>
internal static class SqliteSchema
{
    public const int Version = 1;

    // Each commit rewrites the last page of every series it touches; checkpointing (and syncing) once
    // per 64 MB of WAL instead of SQLite's 4 MB keeps that from syncing on every batch.
    public const int WalPagesBeforeCheckpoint = 16_384;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS series(
            id    INTEGER PRIMARY KEY,
            org   TEXT NOT NULL,
            model TEXT NOT NULL,
            asset TEXT NOT NULL,
            point TEXT NOT NULL,
            UNIQUE(org, model, asset, point));
        CREATE INDEX IF NOT EXISTS series_by_asset_point ON series(asset, point);
        CREATE TABLE IF NOT EXISTS points(
            series INTEGER NOT NULL,
            time   INTEGER NOT NULL,
            kind   INTEGER NOT NULL,
            value,
            PRIMARY KEY(series, time)) WITHOUT ROWID;
        """;

    public const string UpsertSeries = """
        INSERT INTO series(org, model, asset, point) VALUES($org, $model, $asset, $point)
        ON CONFLICT(org, model, asset, point) DO UPDATE SET org = excluded.org
        RETURNING id
        """;

    public const string UpsertPoint = "INSERT OR REPLACE INTO points(series, time, kind, value) VALUES($s, $t, $k, $v)";

    public static SqliteConnection OpenForWriting(string path, int cacheSizeMb)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var connection = new SqliteConnection(ConnectionString(path, SqliteOpenMode.ReadWriteCreate));
        connection.Open();
        connection.Execute($"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-{cacheSizeMb * 1024}; PRAGMA wal_autocheckpoint={WalPagesBeforeCheckpoint};");
        var version = connection.ExecuteScalar<long>("PRAGMA user_version");
        if (version > Version)
        {
            connection.Dispose();
            throw new InvalidOperationException($"{path} was written by a newer Calc (store version {version}, this one reads {Version})");
        }

        connection.Execute(Create);
        connection.Execute($"PRAGMA user_version={Version}");
        return connection;
    }

    public static SqliteConnection OpenForReading(string path)
    {
        var connection = new SqliteConnection(ConnectionString(path, SqliteOpenMode.ReadOnly));
        connection.Open();
        return connection;
    }

    private static string ConnectionString(string path, SqliteOpenMode mode) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = mode,
        Pooling = false,
        DefaultTimeout = 30,
    }.ToString();
}
