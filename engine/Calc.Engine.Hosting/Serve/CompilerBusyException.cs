namespace Calc.Engine.Hosting.Serve;

/// <summary>
/// Every compile slot of <c>calc serve</c> stayed taken for the whole wait (<see cref="ServeOptions.CompileWait"/>):
/// the API answers 503 with <c>Retry-After</c>. Nothing was validated or stored.
/// </summary>
internal sealed class CompilerBusyException(int slots, TimeSpan waited)
    : Exception($"{slots} job compile(s) are running already, the most calc serve runs at once (--max-compiles), and none ended within {waited.TotalSeconds:0.###} s: send the request again later")
{
    /// <summary>What <c>Retry-After</c> says: the wait, in whole seconds, at least 1.</summary>
    public int RetryAfterSeconds { get; } = Math.Max(1, (int)Math.Ceiling(waited.TotalSeconds));
}
