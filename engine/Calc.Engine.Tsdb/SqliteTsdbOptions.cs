using Calc.Sdk;

namespace Calc.Engine.Tsdb;

/// <summary>Settings of the embedded store.</summary>
public sealed class SqliteTsdbOptions
{
    /// <summary>The store's file name inside Calc's data directory.</summary>
    public const string DefaultFileName = "tsdb.db";

    /// <summary>Default page cache of the writing connection, in MiB.</summary>
    public const int DefaultCacheSizeMb = 64;

    /// <summary>Default time between two retention runs.</summary>
    public static readonly TimeSpan DefaultRetentionInterval = TimeSpan.FromHours(1);

    /// <summary>The database file (created with its folder when missing).</summary>
    public string Path { get; set; } = DefaultFileName;

    /// <summary>Points whose time is older than this many days (before now) are deleted; 0 keeps everything.</summary>
    public int RetentionDays { get; set; }

    /// <summary>How often retention runs (also once when the store opens).</summary>
    public TimeSpan RetentionInterval { get; set; } = DefaultRetentionInterval;

    /// <summary>
    /// Page cache of the writing connection, in MiB. Writes land at the end of each series' key range, so
    /// the cache should hold one page (4 KiB) per actively written series; a smaller cache turns writes
    /// into disk reads.
    /// </summary>
    public int CacheSizeMb { get; set; } = DefaultCacheSizeMb;

    /// <summary>Which points are stored.</summary>
    public TsdbStorageOptions Storage { get; set; } = new();

    /// <summary>
    /// Whether provisional values (<c>early</c>, <c>onTime</c>) are written too. True by default: the
    /// store upserts, so a later <c>final</c>/<c>late</c> value replaces them.
    /// </summary>
    public bool WriteProvisional { get; set; } = true;

    /// <summary>Options for the store file in a data directory.</summary>
    public static SqliteTsdbOptions InDataDirectory(string dataDirectory) =>
        new() { Path = System.IO.Path.Combine(dataDirectory, DefaultFileName) };

    /// <summary>Reports every invalid setting.</summary>
    public void Validate(ProblemList problems, string path = "tsdb")
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            problems.Add(ProblemList.Join(path, "path"), "a file path is required");
        }

        if (RetentionDays < 0)
        {
            problems.Add(ProblemList.Join(path, "retentionDays"), "must be 0 (keep everything) or a number of days");
        }

        if (CacheSizeMb < 1)
        {
            problems.Add(ProblemList.Join(path, "cacheSizeMb"), "must be at least 1");
        }

        if (RetentionInterval <= TimeSpan.Zero)
        {
            problems.Add(ProblemList.Join(path, "retentionInterval"), "must be positive");
        }

        Storage.Validate(problems, ProblemList.Join(path, "storage.points"));
    }
}
