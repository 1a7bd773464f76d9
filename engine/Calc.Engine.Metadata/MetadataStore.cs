using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Calc.Engine.Metadata;

/// <summary>
/// Calc's metadata database (one SQLite file, <c>metadata.db</c> in the data directory): installed
/// packs, jobs with their versions, assets with their attributes and models with their point types.
/// Opening migrates the schema to the latest version (see <see cref="MetadataMigrations"/>). Each
/// write is one transaction: an import or a save is all or nothing. Not thread-safe; one per command.
/// </summary>
public sealed partial class MetadataStore : IDisposable
{
    /// <summary>The database file's name in the data directory.</summary>
    public const string FileName = "metadata.db";

    private readonly SqliteConnection _connection;

    private MetadataStore(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>The schema version of the open database.</summary>
    public int SchemaVersion => MetadataMigrations.VersionOf(_connection);

    /// <summary>Opens (creating the file and its folder when missing) and migrates to the latest schema.</summary>
    public static MetadataStore Open(string path)
    {
        var connection = Connect(path);
        try
        {
            MetadataMigrations.Apply(connection);
            return new MetadataStore(path, connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens the connection with foreign keys on, without migrating (migration tests start from here).</summary>
    internal static SqliteConnection Connect(string path)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        // Pooling off: the file is closed when the store is disposed, so tests can delete it.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        connection.Execute("PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;");
        return connection;
    }

    public void Dispose() => _connection.Dispose();

    private static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
