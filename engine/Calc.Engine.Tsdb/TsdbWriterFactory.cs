using System.Text.RegularExpressions;
using Calc.Sdk;
using Microsoft.Extensions.Logging;

namespace Calc.Engine.Tsdb;

/// <summary>
/// Chooses the writer from an address: a path or <c>sqlite:PATH</c> gives the embedded store;
/// <c>http(s)://host:port</c> VictoriaMetrics; with <c>?db=NAME</c> (or the path <c>/write?db=NAME</c>)
/// InfluxDB 1.x; with <c>?org=ORG&amp;bucket=BUCKET</c> (or the path <c>/api/v2/write?…</c>) InfluxDB 2.x.
/// </summary>
public static partial class TsdbWriterFactory
{
    /// <summary>The writer for <paramref name="urlOrPath"/> with default options.</summary>
    /// <exception cref="ArgumentException">The address or the options are invalid.</exception>
    public static ITsdbWriter Create(string urlOrPath) => Create(urlOrPath, new TsdbOptions());

    /// <summary>The writer for <paramref name="urlOrPath"/> (null: <see cref="TsdbOptions.Url"/>, then the embedded store).</summary>
    /// <exception cref="ArgumentException">The address or the options are invalid (every problem is listed).</exception>
    public static ITsdbWriter Create(string? urlOrPath, TsdbOptions options, ILogger? logger = null)
    {
        var problems = new ProblemList();
        options.Validate(problems);
        urlOrPath = string.IsNullOrWhiteSpace(urlOrPath) ? options.Url : urlOrPath;
        if (IsHttp(urlOrPath))
        {
            var lineOptions = LineProtocolFor(urlOrPath!, options, problems);
            ThrowIfAny(problems);
            return new LineProtocolWriter(lineOptions!, logger: logger);
        }

        var store = SqliteFor(urlOrPath, options, problems);
        ThrowIfAny(problems);
        return SqliteTsdb.Open(store!, logger);
    }

    /// <summary>Line-protocol settings for an http(s) address; null with problems when it is not one.</summary>
    public static LineProtocolOptions? LineProtocolFor(string url, TsdbOptions options, ProblemList problems)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !IsHttp(url))
        {
            problems.Add("tsdb.url", $"'{url}' is not an http(s) address");
            return null;
        }

        var query = ParseQuery(uri.Query);
        var path = uri.AbsolutePath.TrimEnd('/');
        var flavor = LineProtocolFlavor.VictoriaMetrics;
        if (path.EndsWith("/api/v2/write", StringComparison.Ordinal) || query.ContainsKey("bucket"))
        {
            flavor = LineProtocolFlavor.InfluxDb2;
            path = StripSuffix(path, "/api/v2/write");
        }
        else if (query.ContainsKey("db"))
        {
            flavor = LineProtocolFlavor.InfluxDb1;
        }

        path = StripSuffix(path, "/write");
        var userInfo = Uri.UnescapeDataString(uri.UserInfo).Split(':', 2);
        var lineOptions = new LineProtocolOptions
        {
            Url = new UriBuilder(uri) { UserName = "", Password = "", Path = path, Query = "" }.Uri,
            Flavor = flavor,
            Database = query.GetValueOrDefault("db"),
            Org = query.GetValueOrDefault("org"),
            Bucket = query.GetValueOrDefault("bucket"),
            Token = options.Token,
            BearerToken = options.BearerToken,
            Username = options.Username ?? (userInfo[0].Length > 0 ? userInfo[0] : query.GetValueOrDefault("u")),
            Password = options.Password ?? (userInfo.Length > 1 ? userInfo[1] : query.GetValueOrDefault("p")),
            WriteProvisional = options.WriteProvisional ?? false,
            Storage = options.Storage,
        };
        foreach (var (name, value) in options.Headers)
        {
            lineOptions.Headers[name] = value;
        }

        lineOptions.Validate(problems);
        return lineOptions;
    }

    /// <summary>Embedded-store settings for a path, <c>sqlite:PATH</c> or nothing (the data directory).</summary>
    public static SqliteTsdbOptions? SqliteFor(string? pathOrUrl, TsdbOptions options, ProblemList problems)
    {
        string path;
        if (string.IsNullOrWhiteSpace(pathOrUrl))
        {
            path = Path.Combine(options.DataDirectory, SqliteTsdbOptions.DefaultFileName);
        }
        else if (pathOrUrl.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            path = pathOrUrl["sqlite:".Length..];
            path = path.StartsWith("//", StringComparison.Ordinal) ? path[2..] : path;
        }
        else if (SchemePattern().IsMatch(pathOrUrl))
        {
            problems.Add("tsdb.url", $"'{pathOrUrl}' is not a TSDB address: use a file path, sqlite:PATH, or http(s)://host:port for VictoriaMetrics/InfluxDB");
            return null;
        }
        else
        {
            path = pathOrUrl;
        }

        var store = new SqliteTsdbOptions
        {
            Path = path,
            RetentionDays = options.RetentionDays,
            Storage = options.Storage,
            WriteProvisional = options.WriteProvisional ?? true,
        };
        store.Validate(problems);
        return store;
    }

    private static bool IsHttp(string? text) =>
        text is not null && (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    private static string StripSuffix(string path, string suffix) =>
        path.EndsWith(suffix, StringComparison.Ordinal) ? path[..^suffix.Length] : path;

    private static Dictionary<string, string> ParseQuery(string query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2);
            result[Uri.UnescapeDataString(pair[0])] = pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : "";
        }

        return result;
    }

    private static void ThrowIfAny(ProblemList problems)
    {
        if (!problems.IsEmpty)
        {
            throw new ArgumentException(string.Join("; ", problems.Items));
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]+://")]
    private static partial Regex SchemePattern();
}
