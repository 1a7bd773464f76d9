namespace Calc.Engine.State;

/// <summary>
/// The Garnet/Redis key schema of Calc's state (docs/state.md). Plain strings, readable by any Redis
/// client. Ids are used verbatim; a ':' inside an id is allowed (keys are only ever built, never split).
/// </summary>
public static class StateKeys
{
    /// <summary>Common prefix of every key Calc writes.</summary>
    public const string Prefix = "calc:";

    /// <summary>Hash of the latest values of one asset: field = pointId, value = <c>{"time":…,"value":…,"quality":…}</c>.</summary>
    public static string Latest(string orgId, string assetId) => $"calc:latest:{orgId}:{assetId}";

    /// <summary>Hash of the connection status of one asset: <c>status</c>, <c>since</c>, <c>time</c>, <c>modelId</c>, <c>siteId</c>.</summary>
    public static string Connection(string orgId, string assetId) => $"calc:conn:{orgId}:{assetId}";

    /// <summary>Pattern matching every connection hash (all orgs).</summary>
    public const string ConnectionPattern = "calc:conn:*";

    /// <summary>A SCAN/KEYS pattern matching every key that starts with <paramref name="prefix"/> (its glob characters escaped).</summary>
    public static string StartingWith(string prefix)
    {
        var builder = new System.Text.StringBuilder(prefix.Length + 1);
        foreach (var c in prefix)
        {
            if (c is '*' or '?' or '[' or ']' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append('*').ToString();
    }

    /// <summary>Hash of a site's roll-up: <c>online</c>, <c>offline</c>, <c>time</c>.</summary>
    public static string Site(string orgId, string siteId) => $"calc:site:{orgId}:{siteId}";

    /// <summary>Hash of a job's checkpoint: <c>state</c>, <c>positions</c>, <c>time</c>, <c>orgId</c>.</summary>
    public static string Checkpoint(string jobId) => $"calc:checkpoint:{jobId}";

    /// <summary>String key held (with a TTL) by the process running a job.</summary>
    public static string Lease(string jobId) => $"calc:lease:{jobId}";
}
