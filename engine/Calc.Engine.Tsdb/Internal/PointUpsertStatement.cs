using Calc.Sdk;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Calc.Engine.Tsdb.Internal;

/// <summary>
/// The prepared point upsert, bound and stepped through SQLite's own API: on the write path
/// ADO.NET's per-command work (parameter objects, boxing, a data reader per execution) costs more
/// than SQLite itself. Used inside a transaction opened on the same connection.
/// </summary>
internal sealed class PointUpsertStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public PointUpsertStatement(SqliteConnection connection)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        Check(raw.sqlite3_prepare_v2(_db, SqliteSchema.UpsertPoint, out _statement));
    }

    public void Execute(long series, long time, PointValue value)
    {
        raw.sqlite3_bind_int64(_statement, 1, series);
        raw.sqlite3_bind_int64(_statement, 2, time);
        raw.sqlite3_bind_int(_statement, 3, (int)value.Kind);
        switch (value.Kind)
        {
            case PointValueKind.Number:
                raw.sqlite3_bind_double(_statement, 4, value.Number);
                break;
            case PointValueKind.Bool:
                raw.sqlite3_bind_double(_statement, 4, value.Bool ? 1 : 0);
                break;
            case PointValueKind.String:
                raw.sqlite3_bind_text(_statement, 4, value.Text);
                break;
            default:
                raw.sqlite3_bind_null(_statement, 4);
                break;
        }

        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_DONE)
        {
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc);
        }
    }
}
