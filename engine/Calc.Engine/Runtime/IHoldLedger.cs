namespace Calc.Engine.Runtime;

/// <summary>
/// What the engine's preprocessors tell the lane about records they hold (linear repair), so that a
/// held input record is counted when it is released, with what the policies then said about it.
/// </summary>
internal interface IHoldLedger
{
    /// <summary>The record being judged is held: a ticket to release it with (0: not an input record, nothing to count).</summary>
    long Hold();

    /// <summary>Reports are about the held record <paramref name="ticket"/> until <see cref="EndRelease"/>; returns what to pass to it.</summary>
    long BeginRelease(long ticket);

    /// <summary>The held record has been released (repaired or invalid); it is counted once no step holds it any more.</summary>
    void EndRelease(long ticket, long saved);
}
