using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Calc.Engine.Scripting.Internal;

/// <summary>
/// Which statements of the checked source are the user's, and the mark that records one as running:
/// <c>__at = offset;</c>, the statement's offset in the script as written. Only the copy of a script
/// compiled to find where a failure happened carries marks (see <see cref="CompiledScript"/>).
/// </summary>
/// <param name="First">The lowest position in the checked source that is the user's statement (an expression
/// script's generated <c>return</c> starts just before the text).</param>
/// <param name="UserStart">Where the script's text starts in the checked source.</param>
/// <param name="End">Where the script's text ends in the checked source.</param>
internal readonly record struct StatementMarks(int First, int UserStart, int End)
{
    /// <summary>True for a statement that the user wrote (or the <c>return</c> around an expression script).</summary>
    public bool IsUsers(SyntaxNode statement) => statement.SpanStart >= First && statement.SpanStart < End;

    /// <summary>The mark for <paramref name="statement"/>, an original node of the checked tree; an expression
    /// script's generated <c>return</c> is marked where the expression starts.</summary>
    public StatementSyntax Mark(SyntaxNode statement)
    {
        var start = statement is ReturnStatementSyntax { Expression: { } e } && statement.SpanStart < UserStart ? e.SpanStart : statement.SpanStart;
        return SyntaxFactory.ParseStatement(ScriptSource.AtField + " = "
            + Math.Max(start - UserStart, 0).ToString(System.Globalization.CultureInfo.InvariantCulture) + ";");
    }
}
