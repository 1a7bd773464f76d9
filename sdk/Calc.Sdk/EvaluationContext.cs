namespace Calc.Sdk;

/// <summary>Where a rule is evaluated: the time (epoch ms) and asset of the record or timer tick that triggered it.</summary>
/// <param name="Time">Event time of the triggering record, or the tick time for frequency triggers (epoch milliseconds, UTC).</param>
/// <param name="AssetId">The asset the rule is evaluated for.</param>
public readonly record struct EvaluationContext(long Time, string AssetId);
