namespace Calc.Engine.Runtime;

/// <summary>
/// The one retry policy of every dependency loop (state store, TSDB writer, served jobs): the first
/// wait is <see cref="Initial"/>, each further failure doubles it, never beyond <see cref="Max"/>.
/// Waits go through a <see cref="TimeProvider"/>, so tests drive them with a fake clock.
/// </summary>
/// <param name="Initial">The wait after the first failure (positive).</param>
/// <param name="Max">The longest wait (at least <paramref name="Initial"/>).</param>
public readonly record struct Backoff(TimeSpan Initial, TimeSpan Max)
{
    /// <summary>Garnet/Redis: 200 ms doubling to 5 s (a store on the same host or rack comes back quickly).</summary>
    public static readonly Backoff StateStore = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));

    /// <summary>The TSDB writer: 200 ms doubling to 30 s (a database may stay down for minutes; the backlog waits).</summary>
    public static readonly Backoff Tsdb = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30));

    /// <summary>A failed served job: 1 s doubling to 60 s (a job that fails at once must not spin).</summary>
    public static readonly Backoff ServedJob = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

    /// <summary>The wait after the <paramref name="failures"/>-th failure in a row (1 = the first).</summary>
    public TimeSpan After(int failures)
    {
        var exponent = Math.Clamp(failures - 1, 0, 30);
        var ticks = Initial.Ticks * Math.Pow(2, exponent);
        return ticks >= Max.Ticks ? Max : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Waits <see cref="After"/>(<paramref name="failures"/>) on <paramref name="time"/>; false when cancelled first.</summary>
    public bool Wait(int failures, TimeProvider time, CancellationToken cancellation)
    {
        try
        {
            Task.Delay(After(failures), time, cancellation).GetAwaiter().GetResult();
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
