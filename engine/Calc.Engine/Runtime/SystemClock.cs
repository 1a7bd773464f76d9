using Calc.Sdk;

namespace Calc.Engine.Runtime;

/// <summary>
/// The real wall clock, read on the per-record path. It advances with the coarse monotonic tick count
/// (a few ns to read, ~4 ms resolution) from an anchor taken from the UTC clock, and re-anchors every
/// second, so it never drifts more than a tick from <see cref="DateTimeOffset.UtcNow"/> and follows
/// adjustments of the system time within a second.
/// </summary>
public sealed class SystemClock : IClock
{
    public static readonly SystemClock Instance = new();

    private const long ReanchorAfterMs = 1_000;

    private Anchor _anchor = Anchor.Now();

    public long NowMs
    {
        get
        {
            var anchor = Volatile.Read(ref _anchor);
            var elapsed = Environment.TickCount64 - anchor.Tick;
            if (elapsed is >= 0 and < ReanchorAfterMs)
            {
                return anchor.UnixMs + elapsed;
            }

            anchor = Anchor.Now();
            Volatile.Write(ref _anchor, anchor);
            return anchor.UnixMs;
        }
    }

    private sealed record Anchor(long Tick, long UnixMs)
    {
        public static Anchor Now() => new(Environment.TickCount64, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }
}
