using Calc.Sdk;

namespace Calc.Engine.Tsdb;

/// <summary>
/// Calc's TSDB configuration (the <c>tsdb</c> section / <c>--tsdb</c>): where results go and how. With no
/// <see cref="Url"/> the embedded store in <see cref="DataDirectory"/> is used.
/// </summary>
public sealed class TsdbOptions
{
    /// <summary>
    /// A file path or <c>sqlite:PATH</c> for the embedded store; an http(s) address for a line-protocol
    /// database (see <see cref="TsdbWriterFactory"/>); null for the embedded store in the data directory.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>Calc's data directory, where the embedded store lives by default.</summary>
    public string DataDirectory { get; set; } = ".calc";

    /// <summary>InfluxDB 2.x API token (<c>Authorization: Token …</c>).</summary>
    public string? Token { get; set; }

    /// <summary>Bearer token (<c>Authorization: Bearer …</c>).</summary>
    public string? BearerToken { get; set; }

    /// <summary>Basic authentication user (also taken from <c>http://user:password@host</c>).</summary>
    public string? Username { get; set; }

    /// <summary>Basic authentication password.</summary>
    public string? Password { get; set; }

    /// <summary>Further HTTP headers for line-protocol databases.</summary>
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Write <c>early</c>/<c>onTime</c> values too; null keeps each writer's default (store: yes, line protocol: no).</summary>
    public bool? WriteProvisional { get; set; }

    /// <summary>Embedded store only: delete points older than this many days; 0 keeps everything.</summary>
    public int RetentionDays { get; set; }

    /// <summary>Which points are written.</summary>
    public TsdbStorageOptions Storage { get; set; } = new();

    /// <summary>Backoff of the writer loop while the database is down.</summary>
    public TsdbWriterLoopOptions Retry { get; set; } = new();

    /// <summary>Reports every invalid setting (the address itself is checked by <see cref="TsdbWriterFactory"/>).</summary>
    public void Validate(ProblemList problems, string path = "tsdb")
    {
        if (RetentionDays < 0)
        {
            problems.Add(ProblemList.Join(path, "retentionDays"), "must be 0 (keep everything) or a number of days");
        }

        Storage.Validate(problems, ProblemList.Join(path, "storage.points"));
        Retry.Validate(problems, ProblemList.Join(path, "retry"));
    }
}
