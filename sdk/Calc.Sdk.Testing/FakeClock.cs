namespace Calc.Sdk.Testing;

/// <summary>A wall clock that moves only when the test moves it.</summary>
/// <param name="nowMs">The starting time, epoch ms.</param>
public sealed class FakeClock(long nowMs = 0) : IClock
{
    /// <inheritdoc />
    public long NowMs { get; private set; } = nowMs;

    /// <summary>Moves the clock forward.</summary>
    public void Advance(long milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds);
        NowMs += milliseconds;
    }
}
