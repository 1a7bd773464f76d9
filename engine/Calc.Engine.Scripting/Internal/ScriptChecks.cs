using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Calc.Engine.Scripting.Internal;

/// <summary>Checks of the script's shape: reserved names, braces that stay inside the body, and typed accessors.</summary>
internal static class ScriptChecks
{
    /// <summary>Identifiers and keywords starting with <c>__</c> (generated names, <c>__makeref</c>, …), except where references were rewritten.</summary>
    public static void ReservedNames(SyntaxNode root, TextSpan user, HashSet<int> generated, List<Refusal> refusals)
    {
        foreach (var token in root.DescendantTokens(user))
        {
            if (!user.Contains(token.Span) || !(token.IsKind(SyntaxKind.IdentifierToken) || SyntaxFacts.IsKeywordKind(token.Kind())))
            {
                continue;
            }

            if (token.Text.TrimStart('@').StartsWith("__", StringComparison.Ordinal) && !generated.Contains(token.SpanStart))
            {
                refusals.Add(new Refusal(token.Span, "names starting with '__' are reserved for Calc"));
            }
        }
    }

    /// <summary>The script must stay inside its method body: a '}' that closes it early could declare members the checks do not cover.</summary>
    public static void Braces(BlockSyntax? body, TextSpan user, List<Refusal> refusals)
    {
        if (body is null || body.CloseBraceToken.IsMissing || body.CloseBraceToken.SpanStart < user.End)
        {
            var at = body is not null && !body.CloseBraceToken.IsMissing && user.Contains(body.CloseBraceToken.SpanStart)
                ? body.CloseBraceToken.Span
                : new TextSpan(user.End, 0);
            refusals.Add(new Refusal(at, "the braces do not balance: this '}' would close the script's body"));
        }
    }

    /// <summary>
    /// Calls of <c>Text(${…})</c> and <c>IsNull(${…})</c>, which read the raw value of a reference: each maps
    /// to its helper and reference index. Any other use of those names is refused.
    /// </summary>
    public static Dictionary<SyntaxNode, (string Helper, int Index)> Accessors(
        SemanticModel model, TextSpan user, IReadOnlyDictionary<int, int> references, List<Refusal> refusals, CancellationToken cancel)
    {
        var calls = new Dictionary<SyntaxNode, (string, int)>();
        foreach (var node in model.SyntaxTree.GetRoot(cancel).DescendantNodes(user))
        {
            if (node is not IdentifierNameSyntax name || !user.Contains(name.Span)
                || !ScriptSource.Accessors.TryGetValue(name.Identifier.ValueText, out var helper))
            {
                continue;
            }

            var info = model.GetSymbolInfo(name, cancel);
            var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
            if (symbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary, ContainingType.Name: ScriptSource.ClassName })
            {
                continue;
            }

            if (name.Parent is InvocationExpressionSyntax call && call.Expression == name
                && call.ArgumentList.Arguments is [{ NameColon: null, RefKindKeyword.RawKind: 0 } argument]
                && Unparenthesized(argument.Expression) is IdentifierNameSyntax reference
                && references.TryGetValue(reference.SpanStart, out var index))
            {
                calls[call] = (helper, index);
            }
            else
            {
                var accessor = name.Identifier.ValueText;
                refusals.Add(new Refusal(name.Span, accessor + "(…) takes one reference, as in " + accessor + "(${model::point})"));
            }
        }

        return calls;
    }

    private static ExpressionSyntax Unparenthesized(ExpressionSyntax expression) =>
        expression is ParenthesizedExpressionSyntax p ? Unparenthesized(p.Expression) : expression;
}
