using System.Net.Http.Headers;
using System.Text;
using Calc.Engine.Tsdb.Internal;
using Calc.Sdk;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Calc.Engine.Tsdb;

/// <summary>
/// Writes output records to an InfluxDB-line-protocol database (VictoriaMetrics, InfluxDB 1.x/2.x) over
/// HTTP. One line per record: measurement = modelId, tags <c>asset</c>, <c>org</c> and <c>site</c> (from
/// <c>attr.siteId</c>), field = pointId, timestamp in ms; in VictoriaMetrics that is the series
/// <c>inverter_ENERGY_DAY{asset="INV01",org="o1"}</c>. Numbers are written as floats, booleans as 1/0;
/// string and null values are left out and counted (<see cref="TsdbWriteCounters.SkippedNotNumeric"/>).
/// Within a batch, records of the same series and time are coalesced (the last one wins). By default
/// provisional records (<c>early</c>/<c>onTime</c>) are held back until their value is final (see
/// <see cref="CompleteAsync"/>), so that each (series, time) is written once.
/// </summary>
public sealed partial class LineProtocolWriter : ITsdbWriter
{
    private readonly LineProtocolOptions _options;
    private readonly StoragePolicy _policy;
    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly LineProtocolEncoder _encoder = new();
    private readonly Dictionary<(SeriesKey Series, long Time), int> _seen = [];
    private readonly List<(PointRecord Record, string? Site)> _kept = [];
    private readonly List<(PointRecord Record, string? Site)> _released = [];
    private readonly HeldBackPoints _held = new();

    /// <summary>Creates the writer; <paramref name="handler"/> replaces the HTTP stack (tests, proxies).</summary>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    public LineProtocolWriter(LineProtocolOptions options, HttpMessageHandler? handler = null, ILogger? logger = null)
    {
        var problems = new ProblemList();
        options.Validate(problems);
        if (!problems.IsEmpty)
        {
            throw new ArgumentException(string.Join("; ", problems.Items), nameof(options));
        }

        _options = options;
        _policy = new StoragePolicy(options.Storage);
        _logger = logger ?? NullLogger.Instance;
        _http = handler is null
            ? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = options.RequestTimeout;
        AddHeaders(_http.DefaultRequestHeaders, options);
        WriteUrl = BuildWriteUrl(options);
    }

    /// <summary>The address every batch is posted to.</summary>
    public Uri WriteUrl { get; }

    /// <inheritdoc />
    public TsdbWriteCounters Counters { get; } = new();

    /// <summary>The exact text <see cref="WriteAsync"/> would send for <paramref name="batch"/> (all requests joined).</summary>
    public string FormatLines(IReadOnlyList<PointRecord> batch)
    {
        _gate.Wait();
        try
        {
            Select(batch, out _, out _);
            _encoder.Reset();
            EncodeLines(0, _kept.Count);
            return Encoding.UTF8.GetString(_encoder.Written.Span);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _http.Dispose();
        _gate.Dispose();
    }

    private static Uri BuildWriteUrl(LineProtocolOptions options)
    {
        var root = options.Url.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri(options.Flavor switch
        {
            LineProtocolFlavor.InfluxDb1 => $"{root}/write?db={Uri.EscapeDataString(options.Database!)}&precision=ms",
            LineProtocolFlavor.InfluxDb2 =>
                $"{root}/api/v2/write?org={Uri.EscapeDataString(options.Org!)}&bucket={Uri.EscapeDataString(options.Bucket!)}&precision=ms",
            _ => $"{root}/write?precision=ms",
        });
    }

    private static void AddHeaders(HttpRequestHeaders headers, LineProtocolOptions options)
    {
        if (options.Token is not null)
        {
            headers.Authorization = new AuthenticationHeaderValue("Token", options.Token);
        }
        else if (options.BearerToken is not null)
        {
            headers.Authorization = new AuthenticationHeaderValue("Bearer", options.BearerToken);
        }
        else if (options.Username is not null)
        {
            var pair = Convert.ToBase64String(Encoding.UTF8.GetBytes(options.Username + ":" + options.Password));
            headers.Authorization = new AuthenticationHeaderValue("Basic", pair);
        }

        foreach (var (name, value) in options.Headers)
        {
            headers.TryAddWithoutValidation(name, value);
        }
    }
}
