namespace Calc.Sdk;

/// <summary>
/// Optional capability: the operator acts on the wall clock (frequency triggers). The engine calls
/// <see cref="OnTimer"/> on the operator's own lane, so it never races <see cref="IOperator.Process"/>.
/// </summary>
public interface ITimerDriven
{
    /// <summary>How often to call <see cref="OnTimer"/>, in milliseconds; the engine aligns ticks to multiples of it.</summary>
    long TimerPeriodMs { get; }

    /// <summary>A tick; <paramref name="nowMs"/> is the wall-clock time (epoch ms) of the tick, a multiple of the period.</summary>
    void OnTimer(long nowMs);
}
