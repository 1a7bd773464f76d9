namespace Calc.Sdk;

/// <summary>What a trace line says happened to a record at one step.</summary>
public enum TraceKind
{
    /// <summary>The step let the record through (or used it).</summary>
    Passed,

    /// <summary>The step left the record out; the line names the rule.</summary>
    Filtered,

    /// <summary>The step replaced an invalid value; the line says how and from which value.</summary>
    Repaired,

    /// <summary>The step keeps the record back (waiting for a next valid value or a window).</summary>
    Held,

    /// <summary>The record is older than the step's watermark but still taken.</summary>
    Late,

    /// <summary>The record is older than the step's watermark plus its allowed latency and was left out.</summary>
    TooLate,

    /// <summary>The record was left out of a calculation (a gap, an invalid sample) without being filtered.</summary>
    Excluded,

    /// <summary>A rule did not produce a value for the record (missing reference, null result).</summary>
    Skipped,

    /// <summary>Operator state changed (window accumulator, energy anchor, bucket totals).</summary>
    State,

    /// <summary>An output the record caused.</summary>
    Output,

    /// <summary>A rule failed; the line carries its message.</summary>
    Error,
}
