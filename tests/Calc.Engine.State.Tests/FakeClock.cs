using Calc.Sdk;

namespace Calc.Engine.State.Tests;

/// <summary>A clock the test moves by hand.</summary>
public sealed class FakeClock(long nowMs) : IClock
{
    private long _now = nowMs;

    public long NowMs => Interlocked.Read(ref _now);

    public void Advance(long ms) => Interlocked.Add(ref _now, ms);

    public void Set(long ms) => Interlocked.Exchange(ref _now, ms);
}
