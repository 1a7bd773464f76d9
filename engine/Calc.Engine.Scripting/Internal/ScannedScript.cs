namespace Calc.Engine.Scripting.Internal;

/// <summary>
/// A script after <see cref="ReferenceScanner"/>: the rewritten text (same length and line breaks as
/// the original), the references in order of first appearance, where each was written, malformed
/// references found in code, and their spans (the compiler's own errors there are not repeated).
/// </summary>
internal sealed record ScannedScript(
    string Rewritten,
    IReadOnlyList<string> References,
    IReadOnlyList<ReferenceSpan> Spans,
    IReadOnlyList<PositionedProblem> Problems,
    IReadOnlyList<(int Start, int Length)> Malformed);
