using Calc.Engine.Jobs;
using Calc.Engine.State;
using Calc.Sdk;

namespace Calc.Engine.Hosting.Stores;

/// <summary>
/// The device-state and TSDB options of <c>calc run</c>: <c>--state [URL]</c> (or the job's
/// <c>outputs.state</c>), <c>--inactivity-timeout D | MODEL=D,…</c>, <c>--tsdb [URL]</c> (or the job's
/// <c>outputs.tsdb</c>) and <c>--tsdb-timeout D</c>. Without a URL on the flag the <c>state.url</c> and
/// <c>tsdb.url</c> settings say where the stores are (embedded when unset).
/// </summary>
internal sealed record StoreOptions
{
    public static readonly string[] Names = ["state", "inactivity-timeout", "tsdb", "tsdb-timeout"];

    private static readonly TimeSpan DefaultTsdbTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Device state on (embedded when <see cref="StateUrl"/> is null).</summary>
    public bool State { get; init; }

    public string? StateUrl { get; init; }

    public ConnectionTrackerOptions Tracker { get; init; } = new();

    public bool Tsdb { get; init; }

    public string? TsdbUrl { get; init; }

    public IReadOnlyList<string> TsdbPoints { get; init; } = [];

    /// <summary>How long a file run waits at the end for the TSDB to acknowledge everything.</summary>
    public TimeSpan TsdbTimeout { get; init; } = DefaultTsdbTimeout;

    /// <summary><c>--state</c> and <c>--tsdb</c> may come without a value: gives them <c>embedded</c> so the parser sees one.</summary>
    public static string[] WithDefaults(string[] args)
    {
        var result = new List<string>(args.Length + 1);
        for (var i = 0; i < args.Length; i++)
        {
            result.Add(args[i]);
            if (args[i] is "--state" or "--tsdb" && (i + 1 == args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal)))
            {
                result.Add(StateConnectionOptions.EmbeddedUrl);
            }
        }

        return [.. result];
    }

    /// <summary>The options from the command line (<paramref name="flag"/>: a flag's value by name, null when not given) and the job (none for <c>calc serve</c>); null (with the problems printed) when invalid.</summary>
    public static StoreOptions? Parse(Func<string, string?> flag, JobDefinition? job, TextWriter error, string command = "calc run")
    {
        var ok = true;
        var stateUrl = flag("state");
        if (stateUrl is not null && !IsEmbedded(stateUrl) && !stateUrl.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) && !stateUrl.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase))
        {
            error.WriteLine($"{command}: --state '{stateUrl}': expected redis://HOST:PORT, or embedded (the default)");
            ok = false;
        }

        var tracker = ParseTimeouts(flag("inactivity-timeout"), error, command, ref ok);
        var tsdbTimeout = DefaultTsdbTimeout;
        if (flag("tsdb-timeout") is { } text)
        {
            if (Duration.TryParse(text, out var problem) is { } ms && ms > 0)
            {
                tsdbTimeout = TimeSpan.FromMilliseconds(ms);
            }
            else
            {
                error.WriteLine($"{command}: --tsdb-timeout: {problem ?? "must be positive"}");
                ok = false;
            }
        }

        return ok ? new StoreOptions
        {
            State = stateUrl is not null || job?.Outputs.State == true,
            StateUrl = stateUrl is null || IsEmbedded(stateUrl) ? HostSettings.Current.StateUrl : stateUrl,
            Tracker = tracker,
            Tsdb = flag("tsdb") is not null || job?.Outputs.Tsdb == true,
            TsdbUrl = TsdbAddress(flag("tsdb")),
            TsdbPoints = job?.Outputs.TsdbPoints ?? [],
            TsdbTimeout = tsdbTimeout,
        } : null;
    }

    /// <summary>
    /// Where a TSDB output goes: the flag's URL; a flag without one (or <c>embedded</c>), or none, means
    /// the <c>tsdb.url</c> setting; null = the embedded store.
    /// </summary>
    public static string? TsdbAddress(string? flag) =>
        flag is not null && !IsEmbedded(flag) ? flag
        : HostSettings.Current.Tsdb.Url is { } configured && !IsEmbedded(configured) ? configured : null;

    private static bool IsEmbedded(string url) => string.Equals(url, StateConnectionOptions.EmbeddedUrl, StringComparison.OrdinalIgnoreCase);

    /// <summary><c>30s</c> (every model) or <c>inverter=5m,turbine=10m</c> (per model; a bare duration among them is the default).</summary>
    private static ConnectionTrackerOptions ParseTimeouts(string? text, TextWriter error, string command, ref bool ok)
    {
        if (text is null)
        {
            return new ConnectionTrackerOptions();
        }

        TimeSpan? fallback = null;
        var perModel = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var duration = Duration.TryParse(eq < 0 ? part : part[(eq + 1)..], out var problem);
            if (duration is not { } ms || ms <= 0 || eq == 0)
            {
                error.WriteLine($"{command}: --inactivity-timeout '{part}': {problem ?? "expected a positive duration like 5m, or MODEL=5m"}");
                ok = false;
                continue;
            }

            if (eq < 0)
            {
                fallback = TimeSpan.FromMilliseconds(ms);
            }
            else
            {
                perModel[part[..eq]] = TimeSpan.FromMilliseconds(ms);
            }
        }

        return new ConnectionTrackerOptions { DefaultInactivityTimeout = fallback, InactivityTimeouts = perModel };
    }
}
