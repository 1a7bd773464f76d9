using Calc.Sdk;

namespace Calc.Engine.Tsdb;

/// <summary>Settings of a <see cref="LineProtocolWriter"/>.</summary>
public sealed class LineProtocolOptions
{
    /// <summary>Default lines per HTTP request.</summary>
    public const int DefaultMaxLinesPerRequest = 10_000;

    /// <summary>Default requests of one batch in flight at once.</summary>
    public const int DefaultMaxParallelRequests = 2;

    /// <summary>Default time one request may take before it counts as failed.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The database's base address (<c>http://127.0.0.1:8428</c>); any path is kept as a prefix.</summary>
    public Uri Url { get; set; } = new("http://127.0.0.1:8428");

    /// <summary>Which write endpoint to call.</summary>
    public LineProtocolFlavor Flavor { get; set; } = LineProtocolFlavor.VictoriaMetrics;

    /// <summary>InfluxDB 1.x database (<c>db</c>).</summary>
    public string? Database { get; set; }

    /// <summary>InfluxDB 2.x organization.</summary>
    public string? Org { get; set; }

    /// <summary>InfluxDB 2.x bucket.</summary>
    public string? Bucket { get; set; }

    /// <summary>Sent as <c>Authorization: Token …</c> (InfluxDB 2.x API token).</summary>
    public string? Token { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer …</c> (VictoriaMetrics behind vmauth, proxies).</summary>
    public string? BearerToken { get; set; }

    /// <summary>With <see cref="Password"/>: HTTP basic authentication (InfluxDB 1.x users, VictoriaMetrics <c>-httpAuth.*</c>).</summary>
    public string? Username { get; set; }

    /// <summary>Basic authentication password.</summary>
    public string? Password { get; set; }

    /// <summary>Further headers sent with every request.</summary>
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Whether provisional values (<c>early</c>, <c>onTime</c>) are written too. False by default: only
    /// <c>final</c>, <c>late</c> and records without a calMode are written, because a database that keeps
    /// samples (VictoriaMetrics) does not reliably replace a value at the same time.
    /// </summary>
    public bool WriteProvisional { get; set; }

    /// <summary>Which points are written.</summary>
    public TsdbStorageOptions Storage { get; set; } = new();

    /// <summary>Lines per HTTP request; a larger batch is split.</summary>
    public int MaxLinesPerRequest { get; set; } = DefaultMaxLinesPerRequest;

    /// <summary>Requests of one batch sent at once.</summary>
    public int MaxParallelRequests { get; set; } = DefaultMaxParallelRequests;

    /// <summary>Time one request may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = DefaultRequestTimeout;

    /// <summary>Reports every invalid setting.</summary>
    public void Validate(ProblemList problems, string path = "tsdb")
    {
        if (!Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add(ProblemList.Join(path, "url"), $"'{Url}' is not an http(s) address");
        }

        if (Flavor == LineProtocolFlavor.InfluxDb1 && string.IsNullOrEmpty(Database))
        {
            problems.Add(ProblemList.Join(path, "database"), "InfluxDB 1.x needs a database (?db=NAME)");
        }

        if (Flavor == LineProtocolFlavor.InfluxDb2 && (string.IsNullOrEmpty(Org) || string.IsNullOrEmpty(Bucket)))
        {
            problems.Add(ProblemList.Join(path, "bucket"), "InfluxDB 2.x needs an org and a bucket (?org=ORG&bucket=BUCKET)");
        }

        if (Username is null != Password is null)
        {
            problems.Add(ProblemList.Join(path, "password"), "basic authentication needs both a username and a password");
        }

        if (MaxLinesPerRequest < 1)
        {
            problems.Add(ProblemList.Join(path, "maxLinesPerRequest"), "must be at least 1");
        }

        if (MaxParallelRequests < 1)
        {
            problems.Add(ProblemList.Join(path, "maxParallelRequests"), "must be at least 1");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            problems.Add(ProblemList.Join(path, "requestTimeout"), "must be positive");
        }

        Storage.Validate(problems, ProblemList.Join(path, "storage.points"));
    }
}
