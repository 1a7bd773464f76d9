using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Calc.Engine.Scripting.Internal;

/// <summary>
/// Limits checked before the compiler sees a script, so that validation itself is bounded: the source length and
/// the bracket nesting (both on the text, without recursion), then the nesting of expressions and statements and the
/// lambda nesting (on the parsed tree, before anything is bound).
/// </summary>
internal static class ScriptBounds
{
    public static PositionedProblem? Check(string text, CSharpScriptOptions limits)
    {
        var depth = 0;
        var quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }

                continue;
            }

            switch (c)
            {
                case '"' or '\'':
                    quote = c;
                    break;
                case '(' or '[' or '{':
                    if (++depth > limits.MaxNestingDepth)
                    {
                        return new PositionedProblem(i, $"brackets nest more than {limits.MaxNestingDepth} deep; split the expression into variables");
                    }

                    break;
                case ')' or ']' or '}':
                    depth = Math.Max(0, depth - 1);
                    break;
            }
        }

        if (text.Length > limits.MaxSourceLength)
        {
            return new PositionedProblem(0, $"the script is {text.Length} characters long; at most {limits.MaxSourceLength} are compiled");
        }

        return null;
    }

    /// <summary>
    /// How deeply expressions and statements nest, without brackets too (<c>- - - … x</c>, <c>!!!… b</c>): the binder
    /// recurses per level without checking its stack, and 9,000 unary minuses overflowed it. Walked with a stack of
    /// its own, since the tree may be deeper than this thread's stack. An <c>else if</c> does not nest deeper.
    /// </summary>
    public static PositionedProblem? CheckDepth(SyntaxNode root, int offset, CSharpScriptOptions limits)
    {
        var pending = new Stack<(SyntaxNode Node, int Depth)>();
        pending.Push((root, 0));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            if (node is ExpressionSyntax or StatementSyntax && node is not IfStatementSyntax { Parent: ElseClauseSyntax })
            {
                if (++depth > limits.MaxSyntaxDepth)
                {
                    return new PositionedProblem(Math.Max(0, node.SpanStart - offset), $"expressions and statements nest more than {limits.MaxSyntaxDepth} deep; split the expression into variables");
                }
            }

            foreach (var child in node.ChildNodes())
            {
                pending.Push((child, depth));
            }
        }

        return null;
    }

    public static PositionedProblem? CheckLambdas(SyntaxNode root, int offset, CSharpScriptOptions limits)
    {
        foreach (var lambda in root.DescendantNodes().OfType<LambdaExpressionSyntax>())
        {
            var nesting = 1;
            for (var parent = lambda.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is LambdaExpressionSyntax)
                {
                    nesting++;
                }
            }

            if (nesting > limits.MaxLambdaNesting)
            {
                return new PositionedProblem(Math.Max(0, lambda.SpanStart - offset), $"lambdas nest {nesting} deep; at most {limits.MaxLambdaNesting} are compiled (their overload resolution grows exponentially): use a local function or a loop");
            }
        }

        return null;
    }
}
