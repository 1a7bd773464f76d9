using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace Calc.Engine.Scripting.Internal;

/// <summary>
/// Turns refusals and the compiler's errors into problems at offsets of the user's text. The
/// generated names in messages become the references as written (<c>__0</c> → <c>${m::a}</c>).
/// </summary>
internal sealed partial class ProblemMapper(int userOffset, int userLength, IReadOnlyList<string> references)
{
    public PositionedProblem FromRefusal(Refusal refusal) => new(ToUser(refusal.Span.Start), refusal.Message);

    /// <summary>The compiler's errors, except those inside a refused or malformed span (the refusal already says what is wrong there).</summary>
    public IEnumerable<PositionedProblem> FromDiagnostics(
        IEnumerable<Diagnostic> diagnostics, IReadOnlyList<Refusal> refusals, IReadOnlyList<(int Start, int Length)> malformed)
    {
        var seen = new HashSet<(int, string)>();
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Severity != DiagnosticSeverity.Error)
            {
                continue;
            }

            var position = diagnostic.Location.IsInSource ? diagnostic.Location.SourceSpan.Start : userOffset;
            if (refusals.Any(r => r.Span.Contains(position) || r.Span.Start == position)
                || malformed.Any(m => position - userOffset >= m.Start && position - userOffset <= m.Start + m.Length))
            {
                continue;
            }

            var problem = diagnostic.Id switch
            {
                "CS0161" => new PositionedProblem(userLength, "not every path of the script returns a value: end it with a return statement"),
                "CS0126" => new PositionedProblem(ToUser(position), "return needs a value: a number, a boolean or a string"),
                _ => new PositionedProblem(ToUser(position), Message(diagnostic)),
            };
            if (seen.Add((problem.Offset, problem.Message)))
            {
                yield return problem;
            }
        }
    }

    private int ToUser(int position) => Math.Clamp(position - userOffset, 0, userLength);

    private string Message(Diagnostic diagnostic)
    {
        var text = diagnostic.GetMessage(CultureInfo.InvariantCulture).TrimEnd('.');
        text = GeneratedReference().Replace(text, m =>
        {
            var index = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            return index < references.Count ? "${" + references[index] + "}" : m.Value;
        });
        return text + " (" + diagnostic.Id + ")";
    }

    [GeneratedRegex(@"\b__(\d+)\b", RegexOptions.CultureInvariant)]
    private static partial Regex GeneratedReference();
}
