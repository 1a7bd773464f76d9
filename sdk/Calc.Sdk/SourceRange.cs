namespace Calc.Sdk;

/// <summary>
/// The event times (Unix ms, both ends included) of the input records an output is computed from: a
/// window's own span, an energy bucket with the reading at its start, the record's own time for a rule.
/// <c>calc explain</c> shows the records of this range.
/// </summary>
/// <param name="From">The first time included.</param>
/// <param name="To">The last time included.</param>
public readonly record struct SourceRange(long From, long To);
