using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Calc.Engine.Scripting.Internal;

/// <summary>
/// Finds the <c>${model::point}</c> and <c>${name}</c> references of a script and rewrites each into
/// an identifier of the same length (<c>${m::a}</c> becomes <c>__0    </c>), so that every position
/// the C# compiler reports in the rewritten text is the same position in the text the user wrote.
/// A <c>${…}</c> inside a string literal or a comment is text, not a reference, and is left alone.
/// </summary>
internal static class ReferenceScanner
{
    public static ScannedScript Run(string text)
    {
        var candidates = FindCandidates(text);
        var provisional = text.ToCharArray();
        foreach (var c in candidates)
        {
            if (c.Name is not null)
            {
                // Any identifier of the same length tells whether the compiler sees code there.
                provisional[c.Start] = '_';
                provisional[c.Start + 1] = '_';
                Array.Fill(provisional, 'x', c.Start + 2, c.Length - 2);
            }
        }

        // One leading '{' so that the statements parse as a block: positions move by one.
        var block = SyntaxFactory.ParseStatement("{" + new string(provisional) + "\n}");
        var rewritten = text.ToCharArray();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var spans = new List<ReferenceSpan>();
        var problems = new List<PositionedProblem>();
        var malformed = new List<(int Start, int Length)>();
        foreach (var c in candidates)
        {
            if (c.Name is null)
            {
                if (IsCode(block, c.Start + 1))
                {
                    // Compiled as an unknown name of the same length, so that the rest of the script is
                    // checked as usual and the compiler's complaints about this spot are not repeated.
                    var length = text.AsSpan(c.Start, c.Length).Contains('\n') ? 2 : c.Length;
                    rewritten[c.Start] = '_';
                    rewritten[c.Start + 1] = '_';
                    Array.Fill(rewritten, 'x', c.Start + 2, length - 2);
                    problems.Add(new PositionedProblem(c.Start, c.Problem!));
                    malformed.Add((c.Start, length));
                }

                continue;
            }

            var token = block.FindToken(c.Start + 1);
            if (!token.IsKind(SyntaxKind.IdentifierToken) || token.SpanStart != c.Start + 1 || token.Span.Length != c.Length)
            {
                continue;
            }

            if (!names.TryGetValue(c.Name, out var index))
            {
                index = names.Count;
                names[c.Name] = index;
            }

            var identifier = ScriptSource.ReferenceIdentifier(index);
            if (identifier.Length > c.Length)
            {
                problems.Add(new PositionedProblem(c.Start, string.Create(CultureInfo.InvariantCulture,
                    $"too many references: a script can use at most 100 references when their names are one character long")));
                continue;
            }

            identifier.CopyTo(rewritten.AsSpan(c.Start));
            Array.Fill(rewritten, ' ', c.Start + identifier.Length, c.Length - identifier.Length);
            spans.Add(new ReferenceSpan(c.Start, c.Length, index));
        }

        var ordered = new string[names.Count];
        foreach (var (name, index) in names)
        {
            ordered[index] = name;
        }

        return new ScannedScript(new string(rewritten), ordered, spans, problems, malformed);
    }

    private static List<Candidate> FindCandidates(string text)
    {
        var candidates = new List<Candidate>();
        var pos = 0;
        while ((pos = text.IndexOf("${", pos, StringComparison.Ordinal)) >= 0)
        {
            var close = text.IndexOf('}', pos + 2);
            if (close < 0)
            {
                var end = text.IndexOf('\n', pos);
                candidates.Add(new Candidate(pos, (end < 0 ? text.Length : end) - pos, null, "malformed reference: '${' has no closing '}'"));
                pos += 2;
                continue;
            }

            var inner = text[(pos + 2)..close];
            if (ReferenceName.Normalize(inner, out var name, out var why))
            {
                candidates.Add(new Candidate(pos, close + 1 - pos, name, null));
                pos = close + 1;
            }
            else
            {
                candidates.Add(new Candidate(pos, close + 1 - pos, null, "malformed reference '${" + inner + "}': " + why));
                pos += 2;
            }
        }

        return candidates;
    }

    /// <summary>False inside comments, disabled text, and string and character literals.</summary>
    private static bool IsCode(SyntaxNode block, int position)
    {
        var trivia = block.FindTrivia(position);
        if (trivia.Span.Contains(position) && trivia.Kind() is SyntaxKind.SingleLineCommentTrivia or SyntaxKind.MultiLineCommentTrivia
            or SyntaxKind.SingleLineDocumentationCommentTrivia or SyntaxKind.MultiLineDocumentationCommentTrivia or SyntaxKind.DisabledTextTrivia)
        {
            return false;
        }

        var token = block.FindToken(position);
        return !(token.Span.Contains(position) && token.Kind() is SyntaxKind.StringLiteralToken or SyntaxKind.CharacterLiteralToken
            or SyntaxKind.InterpolatedStringTextToken or SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken
            or SyntaxKind.Utf8StringLiteralToken or SyntaxKind.Utf8SingleLineRawStringLiteralToken or SyntaxKind.Utf8MultiLineRawStringLiteralToken);
    }

    private sealed record Candidate(int Start, int Length, string? Name, string? Problem);
}
