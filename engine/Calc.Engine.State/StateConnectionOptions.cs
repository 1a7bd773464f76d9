namespace Calc.Engine.State;

/// <summary>Where Calc keeps its state: an embedded Garnet (the default) or any RESP server.</summary>
public sealed record StateConnectionOptions
{
    /// <summary>The value of <see cref="Url"/> that selects the embedded server.</summary>
    public const string EmbeddedUrl = "embedded";

    /// <summary>
    /// <c>embedded</c> (or null): run Garnet in this process with <see cref="Embedded"/>;
    /// <c>redis://[:PASSWORD@]HOST:PORT[/DB]</c>: connect to an external Garnet or Redis.
    /// </summary>
    public string? Url { get; init; }

    /// <summary>Settings of the embedded server.</summary>
    public EmbeddedGarnetOptions Embedded { get; init; } = new();

    /// <summary>Milliseconds to wait for a connection or a synchronous reply.</summary>
    public int TimeoutMs { get; init; } = 10_000;

    /// <summary>True when <see cref="Url"/> selects the embedded server.</summary>
    public bool IsEmbedded => string.IsNullOrEmpty(Url) || string.Equals(Url, EmbeddedUrl, StringComparison.OrdinalIgnoreCase);
}
