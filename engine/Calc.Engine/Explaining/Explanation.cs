using Calc.Engine.Tracing;

namespace Calc.Engine.Explaining;

/// <summary>
/// What <see cref="Explainer"/> found for one output key: the answer in <see cref="Findings"/> (the first is
/// the verdict: the value, or why there is none), the step that writes the point, the range of input times
/// it is computed from, the values written, what happened to the records of each input point in the range,
/// and the trace lines of those records that are not plain <c>passed</c>.
/// </summary>
public sealed record Explanation
{
    public required ExplainQuery Query { get; init; }

    public required string JobId { get; init; }

    /// <summary>The answer, in sentences: the first one is the verdict.</summary>
    public required IReadOnlyList<string> Findings { get; init; }

    /// <summary>The step that writes the point; null when none does.</summary>
    public ExplainedStep? Step { get; init; }

    /// <summary>The input times the output is computed from (both ends included); From is long.MinValue when the step does not say.</summary>
    public long From { get; init; }

    public long To { get; init; }

    /// <summary>Every value written for the key, in order (the last one is the final value).</summary>
    public IReadOnlyList<ExplainedValue> Values { get; init; } = [];

    /// <summary>Per input point of the step: its records in the range and what happened to them.</summary>
    public IReadOnlyList<ExplainedInput> Inputs { get; init; } = [];

    /// <summary>The records' trace lines that are not plain <c>passed</c>, in order (at most <see cref="Explainer.MaxLines"/>).</summary>
    public IReadOnlyList<TraceEvent> Lines { get; init; } = [];

    /// <summary>Lines past <see cref="Explainer.MaxLines"/>, counted only.</summary>
    public int LinesLeftOut { get; init; }

    /// <summary>The asset's outputs of the point nearest before and after the time, when there is none at it.</summary>
    public IReadOnlyList<ExplainedValue> Nearest { get; init; } = [];
}

/// <summary>A pipeline step: its index, path in the job, operator, and the points it reads.</summary>
public sealed record ExplainedStep(int Index, string Path, string Operator, IReadOnlyList<string> Inputs);

/// <summary>One value written for a key: when (the output's time), what, its calMode, and the record that caused it (or the end of the input).</summary>
public sealed record ExplainedValue(long Time, Calc.Sdk.PointValue Value, Calc.Sdk.CalMode CalMode, string Cause);

/// <summary>
/// One input point of the step: how many of its records fell in the range, what happened to them
/// (<see cref="Verdicts"/>: <c>taken</c>, or the step and reason that left them out or changed them, with counts),
/// the first and last of them, and the last record before the range.
/// </summary>
public sealed record ExplainedInput(
    string Point,
    int Records,
    IReadOnlyList<KeyValuePair<string, int>> Verdicts,
    long? First,
    long? Last,
    long? LastBefore,
    string? LastBeforeValue);
